package cvr

import (
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// functionRoles maps the register's FUNKTION values, upper-cased, to
// roles. The register writes them inconsistently ("ADM. DIR.", "Reel
// ejer"), so functionRole also looks at the words.
var functionRoles = map[string]rules.RoleKind{
	"DIREKTØR": rules.RoleDirector, "DIREKTION": rules.RoleDirector, "ADM. DIR.": rules.RoleDirector,
	"ADMINISTRERENDE DIREKTØR": rules.RoleDirector, "DIREKTIONSMEDLEM": rules.RoleDirector,
	"BESTYRELSESMEDLEM": rules.RoleBoardMember, "BESTYRELSE": rules.RoleBoardMember,
	"FORMAND": rules.RoleBoardMember, "NÆSTFORMAND": rules.RoleBoardMember,
	"BESTYRELSESFORMAND": rules.RoleBoardMember, "TILSYNSRÅD": rules.RoleBoardMember,
	"TILSYNSRÅDSMEDLEM": rules.RoleBoardMember,
	"REEL EJER":         rules.RoleOwner, "EJER": rules.RoleOwner, "LEGAL EJER": rules.RoleOwner,
	"LEGALE EJERE": rules.RoleOwner, "EJERREGISTER": rules.RoleOwner,
	"STIFTER": rules.RoleFounder, "STIFTERE": rules.RoleFounder,
	"FULDT ANSVARLIG DELTAGER": rules.RoleSoleProprietor, "FULDT ANSVARLIGE DELTAGERE": rules.RoleSoleProprietor,
	"INDEHAVER":   rules.RoleSoleProprietor,
	"INTERESSENT": rules.RolePartner, "INTERESSENTER": rules.RolePartner,
	"KOMPLEMENTAR": rules.RolePartner, "KOMMANDITIST": rules.RolePartner,
}

// skipped are functions that are not the person's own business role: an
// auditor acts for a firm, an alternate is not (yet) on the board.
var skipped = map[string]bool{"REVISION": true, "REVISOR": true, "SUPPLEANT": true}

// functionRole maps a FUNKTION value; ok is false for a function that is
// deliberately not a business role. Unknown functions are RoleOther, so a
// new register term is shown rather than lost.
func functionRole(f string) (rules.RoleKind, bool) {
	u := strings.ToUpper(strings.Join(strings.Fields(f), " "))
	if skipped[u] {
		return "", false
	}
	if r, ok := functionRoles[u]; ok {
		return r, true
	}
	switch {
	case strings.Contains(u, "DIREKT"):
		return rules.RoleDirector, true
	case strings.Contains(u, "BESTYRELS"):
		return rules.RoleBoardMember, true
	case strings.Contains(u, "EJER"):
		return rules.RoleOwner, true
	case strings.Contains(u, "STIFTER"):
		return rules.RoleFounder, true
	}
	return rules.RoleOther, true
}

// organisationRole maps an organisation's name or main type, for
// memberships that carry no FUNKTION attribute (owners and founders often
// have only their share or a date).
func organisationRole(o Organisation) (rules.RoleKind, bool) {
	for _, n := range o.OrganisationsNavn {
		if r, ok := functionRole(n.Navn); ok && r != rules.RoleOther {
			return r, true
		}
	}
	switch strings.ToUpper(o.Hovedtype) {
	case "REGISTER":
		return rules.RoleOwner, true
	case "STIFTERE":
		return rules.RoleFounder, true
	case "FULDT_ANSVARLIG_DELTAGERE":
		return rules.RoleSoleProprietor, true
	case "REVISION":
		return "", false
	}
	return "", false
}
