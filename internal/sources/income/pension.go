package income

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// SchemeKind says what a pension scheme is.
type SchemeKind string

// Scheme kinds. ATP and labour-market schemes are paid for by an
// employer, so their contributions show employment; private schemes do
// not.
const (
	SchemeATP          SchemeKind = "atp"
	SchemeLabourMarket SchemeKind = "labour_market"
	SchemePrivate      SchemeKind = "private"
)

// Overview is a pension overview: the person's schemes and what was paid
// into them when.
type Overview struct {
	Holder    string     `json:"holder_name,omitempty"`
	Generated rules.Date `json:"generated,omitzero"`
	Schemes   []Scheme   `json:"schemes"`
}

// Scheme is one pension scheme.
type Scheme struct {
	Provider      string         `json:"provider"`
	Kind          SchemeKind     `json:"kind"`
	Employer      Employer       `json:"employer,omitzero"`
	Contributions []Contribution `json:"contributions"`
}

// Contribution is what was paid into a scheme over a period.
type Contribution struct {
	Row    int          `json:"row,omitempty"`
	Period rules.Period `json:"period"`
	Amount Amount       `json:"amount"`
}

// Employments returns the employer-paid contributions as employer/period
// rows.
func (o Overview) Employments() []Employment {
	var ps []Payment
	for _, s := range o.Schemes {
		if s.Kind == SchemePrivate || s.Employer == (Employer{}) {
			continue
		}
		for _, c := range s.Contributions {
			ps = append(ps, Payment{Row: c.Row, Employer: s.Employer, Period: c.Period, Amount: c.Amount})
		}
	}
	return Employments(ps)
}

type pensionFile struct {
	Format    string         `json:"format"`
	Holder    string         `json:"holder_name"`
	Generated string         `json:"generated"`
	Schemes   []pensionInput `json:"schemes"`
}

type pensionInput struct {
	Provider      string `json:"provider"`
	Kind          string `json:"kind"`
	EmployerCVR   string `json:"employer_cvr"`
	EmployerSE    string `json:"employer_se"`
	EmployerName  string `json:"employer_name"`
	Contributions []struct {
		From   string     `json:"from"`
		To     string     `json:"to"`
		Amount flexAmount `json:"amount"`
	} `json:"contributions"`
}

// ParsePension reads a pension overview the subject uploaded (JSON, see
// docs/sandbox.md). Errors are like ParseExtract's, with message
// "error.pension_overview"; a contribution's Row counts contributions
// through the whole file, 1-based.
func ParsePension(r io.Reader) (Overview, error) {
	b, err := readAll(r, msgPension)
	if err != nil {
		return Overview{}, err
	}
	var f pensionFile
	if json.Unmarshal(b, &f) != nil || (f.Format != "" && f.Format != FormatPension) {
		return Overview{}, fileErr(msgPension, ReasonFormat)
	}
	o := Overview{Holder: strings.TrimSpace(f.Holder), Schemes: []Scheme{}}
	var ps problems
	if strings.TrimSpace(f.Generated) != "" {
		o.Generated, _ = dateOf(f.Generated, 0, "generated", &ps)
	}
	row := 0
	for _, in := range f.Schemes {
		s, ok := parseScheme(in, &row, &ps)
		if ok {
			o.Schemes = append(o.Schemes, s)
		}
	}
	if row > MaxRows {
		return Overview{}, fileErr(msgPension, ReasonTooLarge)
	}
	return o, ps.err(msgPension)
}

func parseScheme(in pensionInput, row *int, ps *problems) (Scheme, bool) {
	before := len(*ps)
	s := Scheme{Provider: strings.TrimSpace(in.Provider), Kind: SchemeKind(strings.ToLower(strings.TrimSpace(in.Kind)))}
	switch s.Kind {
	case SchemeATP, SchemeLabourMarket, SchemePrivate:
	default:
		ps.add(*row+1, "kind", ReasonSchemeKind)
	}
	s.Employer = employerOf(in.EmployerCVR, in.EmployerSE, in.EmployerName, *row+1, s.Kind != SchemePrivate, ps)
	for _, c := range in.Contributions {
		*row++
		s.Contributions = append(s.Contributions, Contribution{Row: *row,
			Period: periodOf(c.From, c.To, *row, ps), Amount: amountOf(string(c.Amount), *row, "amount", ps)})
	}
	return s, len(*ps) == before
}
