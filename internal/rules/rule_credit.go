package rules

import "strings"

// notTrustedTitles are job titles the Danish DPA has found not to be
// particularly trusted, in Danish and English, in folded form: access to
// cash alone does not make a position trusted.
var notTrustedTitles = []string{
	"butiksassistent", "salgsassistent", "ekspedient", "kasseassistent", "kassemedarbejder",
	"servicemedarbejder", "flaskemedarbejder", "telefonist", "postmedarbejder", "postbud",
	"shop assistant", "sales assistant", "cashier", "service worker", "service employee",
	"telephone operator", "switchboard operator", "mail clerk", "post clerk",
}

func (c *checkCtx) creditRequested() bool {
	return c.pkg.Has(CategoryCredit) || c.in.Evidence.Credit != nil
}

// ruleCreditCheckNotJustified: credit information may only be obtained for
// a particularly trusted position (DOMAIN §3, Datatilsynet's practice).
// Without that, the credit check must not be made, and a result already
// obtained must not be used.
func ruleCreditCheckNotJustified(c *checkCtx) []Finding {
	if !c.creditRequested() || c.pkg.TrustedPosition {
		return nil
	}
	ev := []EvidenceRef{ref(SourcePackage, "")}
	if cr := c.in.Evidence.Credit; cr != nil {
		ev = append(ev, ref(SourceCredit, cr.ID))
	}
	return []Finding{mk(RuleCreditCheckNotJustified, CategoryCredit, ActionRequired, "", ev)}
}

// ruleCreditPositionDoubtful: the package calls the position particularly
// trusted, but its title is one the DPA has found is not.
func ruleCreditPositionDoubtful(c *checkCtx) []Finding {
	if !c.creditRequested() || !c.pkg.TrustedPosition {
		return nil
	}
	title := " " + strings.Join(tokens(fold(c.pkg.Position, "")), " ") + " "
	for _, t := range notTrustedTitles {
		if strings.Contains(title, " "+strings.Join(tokens(fold(t, "")), " ")+" ") {
			return []Finding{mk(RuleCreditPositionDoubtful, CategoryCredit, Warning, "",
				[]EvidenceRef{ref(SourcePackage, "")}, "Position", c.pkg.Position)}
		}
	}
	return nil
}

// ruleCreditRemarks: a credit-bureau remark needs the handler's judgement
// of its weight for the position. It is only reported when the credit
// check is justified; otherwise the result must not be used at all.
func ruleCreditRemarks(c *checkCtx) []Finding {
	cr := c.in.Evidence.Credit
	if cr == nil || !cr.HasRemarks || !c.pkg.TrustedPosition {
		return nil
	}
	return []Finding{mk(RuleCreditRemarks, CategoryCredit, Warning, cr.ID,
		[]EvidenceRef{ref(SourceCredit, cr.ID)}, "Date", cr.Date.String())}
}
