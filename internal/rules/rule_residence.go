package rules

import "slices"

// ResidenceMonths is how long an uninterrupted stay makes a country a
// residence country (guidance §2.4: at least 6 months without
// interruption).
const ResidenceMonths = 6

// ForeignResidentApplyWeeks is how long before the current check expires a
// person living abroad must apply for the yearly repeat (guidance §4.2).
const ForeignResidentApplyWeeks = 8

// recordStatus says where a residence country's criminal record stands.
type recordStatus int

const (
	recordPresent      recordStatus = iota // a certificate's outcome is recorded
	recordUnobtainable                     // neither police nor subject can get it
	recordViaPolice                        // the police obtain it in phase 2
	recordThirdCountry                     // the subject must supply it
	recordMissing                          // the subject must order and upload it
)

// residenceCountry is a country the subject lived in for at least six
// months without interruption, with the stay overlapping the window.
type residenceCountry struct {
	country string
	stay    Period
	ids     []string
	status  recordStatus
}

// residenceCountries merges back-to-back or overlapping periods in the same
// country into one stay and keeps the countries with a long enough stay.
// The whole stay counts, also the part before the window: a person who
// lived in a country for years until shortly after the window began was
// resident there during the period the records must cover.
func (c *checkCtx) residenceCountries() []residenceCountry {
	byCountry := map[string][]Residence{}
	var countries []string
	for _, r := range c.residences {
		k := normCountry(r.Country)
		if byCountry[k] == nil {
			countries = append(countries, k)
		}
		byCountry[k] = append(byCountry[k], r)
	}
	slices.Sort(countries)
	var out []residenceCountry
	for _, k := range countries {
		if rc, ok := c.qualifyingStay(k, byCountry[k]); ok {
			rc.status = c.recordStatus(k)
			out = append(out, rc)
		}
	}
	return out
}

func (c *checkCtx) qualifyingStay(country string, rs []Residence) (residenceCountry, bool) {
	var ps []Period
	for _, r := range rs {
		ps = append(ps, r.Period.Close(c.window.To))
	}
	rc := residenceCountry{country: country}
	for _, stay := range mergePeriods(ps, 0) {
		if !stay.AtLeastMonths(ResidenceMonths) || !stay.Overlaps(c.window) {
			continue
		}
		if rc.stay.From.IsZero() {
			rc.stay = stay
		}
		rc.stay = Period{From: minDate(rc.stay.From, stay.From), To: maxDate(rc.stay.To, stay.To)}
		for _, r := range rs {
			if r.Period.Close(c.window.To).Overlaps(stay) {
				rc.ids = append(rc.ids, r.ID)
			}
		}
	}
	return rc, !rc.stay.From.IsZero()
}

func (c *checkCtx) recordStatus(country string) recordStatus {
	unobtainable := false
	for _, r := range c.in.Evidence.CriminalRecords {
		if r.Kind != RecordCriminal || normCountry(r.Country) != country {
			continue
		}
		if r.Outcome != OutcomeUnobtainable {
			return recordPresent
		}
		unobtainable = true
	}
	switch {
	case unobtainable:
		return recordUnobtainable
	case c.pkg.PoliceVetting && isEUEFTA(country):
		return recordViaPolice
	case !isEUEFTA(country):
		return recordThirdCountry
	}
	return recordMissing
}

// residenceFindings reports the residence countries whose record is in the
// given state.
func (c *checkCtx) residenceFindings(rule string, sev Severity, st recordStatus) []Finding {
	if !c.pkg.Has(CategoryCriminalRecord) {
		return nil
	}
	var out []Finding
	for _, rc := range c.residenceCountries() {
		if rc.status != st {
			continue
		}
		var ev []EvidenceRef
		for _, id := range rc.ids {
			ev = append(ev, ref(SourceDeclared, id))
		}
		for _, r := range c.in.Evidence.CriminalRecords {
			if r.Kind == RecordCriminal && normCountry(r.Country) == rc.country {
				ev = append(ev, ref(SourceCriminalRecord, r.ID))
			}
		}
		out = append(out, mk(rule, CategoryCriminalRecord, sev, rc.country, ev,
			"Country", rc.country, "From", rc.stay.From.String(), "To", rc.stay.To.String()))
	}
	return out
}

// ruleCriminalRecordViaPolice: for Denmark and other EU/EFTA countries the
// police obtain the record themselves in phase 2 (ECRIS for the others),
// which lengthens processing beyond the usual 10 working days.
func ruleCriminalRecordViaPolice(c *checkCtx) []Finding {
	return c.residenceFindings(RuleCriminalRecordViaPolice, Info, recordViaPolice)
}

// ruleCriminalRecordThirdCountry: the police cannot fetch records from
// countries outside the EU/EFTA, so the subject must obtain and supply one
// for every such residence country (guidance §2.4, §4.2).
func ruleCriminalRecordThirdCountry(c *checkCtx) []Finding {
	return c.residenceFindings(RuleCriminalRecordThirdCountry, ActionRequired, recordThirdCountry)
}

// ruleCriminalRecordMissing: outside the aviation police phase the company
// has no route of its own to the record, so the subject orders it (with
// MitID for Denmark) and uploads it.
func ruleCriminalRecordMissing(c *checkCtx) []Finding {
	return c.residenceFindings(RuleCriminalRecordMissing, ActionRequired, recordMissing)
}

// ruleCriminalRecordUnobtainable: if a residence country's record can be
// obtained neither by the police nor by the subject, the check cannot be
// passed (guidance §4.2).
func ruleCriminalRecordUnobtainable(c *checkCtx) []Finding {
	return c.residenceFindings(RuleCriminalRecordUnobtainable, Blocking, recordUnobtainable)
}
