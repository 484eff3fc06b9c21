package cvr

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// CompanyFromDoc turns a company document into a Company. Parts it cannot
// read are listed in Company.Problems instead of failing the lookup.
func CompanyFromDoc(v Vrvirksomhed) Company {
	c := Company{CVR: formatCVR(v.CVRNummer)}
	where := "company " + c.CVR
	c.Name = current(v.Navne, func(n Navn) Periode { return n.Periode }, func(n Navn) string { return n.Navn })
	for _, n := range v.Navne {
		p, err := period(n.Periode)
		if err != nil && !noStart(n.Periode) {
			c.Problems = append(c.Problems, fmt.Sprintf("%s: name %q: %v", where, n.Navn, err))
		}
		c.Names = append(c.Names, NameSpan{Name: n.Navn, Period: p})
	}
	c.Form = current(v.Virksomhedsform, func(f Virksomhedsform) Periode { return f.Periode },
		func(f Virksomhedsform) string { return f.KortBeskrivelse })
	c.Status = current(v.Virksomhedsstatus, func(s Status) Periode { return s.Periode },
		func(s Status) string { return s.Status })
	c.Period, c.Active = lifetime(v.Livsforloeb, c.Status, where, &c.Problems)
	if a := currentAddress(v.Beliggenhedsadresse); a != nil {
		c.Address = toAddress(*a)
	}
	for _, r := range v.DeltagerRelation {
		pw := fmt.Sprintf("%s: participant %d", where, r.Deltager.EnhedsNummer)
		c.Participants = append(c.Participants, Participant{
			Unit:  r.Deltager.EnhedsNummer,
			Name:  current(r.Deltager.Navne, func(n Navn) Periode { return n.Periode }, func(n Navn) string { return n.Navn }),
			Roles: orgSpans(r.Organisationer, pw, &c.Problems),
		})
	}
	return c
}

// noStart reports a period without a start, which the register uses for
// names valid since before it kept dates; not a problem.
func noStart(p Periode) bool { return strings.TrimSpace(p.GyldigFra) == "" }

// lifetime returns the company's life from its livsforloeb periods (the
// latest one) and whether it is still alive. Without periods, a status of
// NORMAL or AKTIV counts as alive.
func lifetime(ls []Livsforloeb, status, where string, problems *[]string) (rules.Period, bool) {
	var last rules.Period
	for _, l := range ls {
		p, err := period(l.Periode)
		if err != nil {
			*problems = append(*problems, fmt.Sprintf("%s: lifetime: %v", where, err))
			continue
		}
		if last.From.IsZero() || p.From.After(last.From) {
			last = p
		}
	}
	if last.From.IsZero() {
		s := strings.ToUpper(status)
		return rules.Period{}, s == "NORMAL" || s == "AKTIV"
	}
	return last, last.IsOpen()
}

func currentAddress(as []Adresse) *Adresse {
	var best *Adresse
	for i := range as {
		a := &as[i]
		if best == nil || a.Periode.GyldigTil == "" && best.Periode.GyldigTil != "" ||
			(a.Periode.GyldigTil == "") == (best.Periode.GyldigTil == "") && a.Periode.GyldigFra >= best.Periode.GyldigFra {
			best = a
		}
	}
	return best
}

func toAddress(a Adresse) rules.Address {
	street := strings.TrimSpace(a.Vejnavn)
	if a.HusnummerFra > 0 {
		street += " " + strconv.Itoa(a.HusnummerFra) + strings.TrimSpace(a.BogstavFra)
	}
	if floor := strings.TrimSpace(a.Etage); floor != "" {
		street += ", " + floor + "."
		if door := strings.TrimSpace(a.Sidedoer); door != "" {
			street += " " + door
		}
	}
	if street == "" {
		street = strings.TrimSpace(a.Fritekst)
	}
	return rules.Address{Street: street, PostalCode: postcode(a.Postnummer), City: a.Postdistrikt, Country: a.Landekode}
}

// formatCVR writes a CVR number with its eight digits.
func formatCVR(n int64) string { return fmt.Sprintf("%08d", n) }

// normaliseCVR returns the eight digits of a CVR number as people write
// it ("DK-41 00 00 11"), or ok false when it is not one.
func normaliseCVR(s string) (string, bool) {
	s = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "DK")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.':
		default:
			return "", false
		}
	}
	d := b.String()
	return d, len(d) == 8 && d[0] != '0'
}
