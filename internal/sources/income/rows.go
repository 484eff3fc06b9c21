package income

import (
	"regexp"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/internal/norm"
)

// rawRow is one row as read from CSV or JSON, before checking.
type rawRow struct {
	row                     int
	cvr, se, name, from, to string
	amount, atp             string
}

// parseRow checks a row and returns the payment it describes.
func parseRow(r rawRow, ps *problems) (Payment, bool) {
	before := len(*ps)
	p := Payment{Row: r.row, Employer: employerOf(r.cvr, r.se, r.name, r.row, true, ps)}
	p.Period = periodOf(r.from, r.to, r.row, ps)
	p.Amount = amountOf(r.amount, r.row, "amount", ps)
	p.ATP = amountOf(r.atp, r.row, "atp", ps)
	return p, len(*ps) == before
}

// employerOf checks an employer's CVR number, SE number and name; one of
// them is needed when required is set.
func employerOf(cvr, se, name string, row int, required bool, ps *problems) Employer {
	before := len(*ps)
	e := Employer{
		CVR:  number(cvr, row, "employer_cvr", ps),
		SE:   number(se, row, "employer_se", ps),
		Name: strings.Join(strings.Fields(name), " "),
	}
	if len(e.Name) > 200 {
		ps.add(row, "employer_name", ReasonNameTooLong)
	}
	if required && e == (Employer{}) && len(*ps) == before {
		ps.add(row, "employer", ReasonEmployer)
	}
	return e
}

// number reads an optional CVR or SE number.
func number(s string, row int, field string, ps *problems) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	s = strings.TrimPrefix(strings.ToUpper(s), "DK")
	d := norm.Digits(s)
	if len(d) != 8 || d[0] == '0' || strings.Trim(s, "0123456789 -.") != "" {
		ps.add(row, field, ReasonCVR)
		return ""
	}
	return d
}

// periodOf reads a required period.
func periodOf(from, to string, row int, ps *problems) rules.Period {
	f, okF := dateOf(from, row, "from", ps)
	t, okT := dateOf(to, row, "to", ps)
	p := rules.Period{From: f, To: t}
	if okF && okT && t.Before(f) {
		ps.add(row, "to", ReasonDateRange)
	}
	return p
}

// dayFirst matches the day-first forms Danish exports use besides the
// ones rules.ParseDate reads: 31-01-2024 and 31.01.2024.
var dayFirst = regexp.MustCompile(`^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$`)

func dateOf(s string, row int, field string, ps *problems) (rules.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		ps.add(row, field, ReasonMissing)
		return rules.Date{}, false
	}
	if m := dayFirst.FindStringSubmatch(s); m != nil {
		s = m[1] + "/" + m[2] + "/" + m[3]
	}
	d, err := rules.ParseDate(s)
	if err != nil {
		ps.add(row, field, ReasonDate)
		return rules.Date{}, false
	}
	return d, true
}

// amountOf reads an optional amount; an empty one is 0.
func amountOf(s string, row int, field string, ps *problems) Amount {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	a, err := ParseAmount(s)
	if err != nil {
		ps.add(row, field, ReasonAmount)
	}
	return a
}
