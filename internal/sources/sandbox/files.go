package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources/income"
)

// IncomeExtractCSV returns the person's income extract as the file they
// would upload: the documented CSV form, written the way a Danish
// spreadsheet saves it (semicolons, day-first dates, decimal commas).
func (s *Sandbox) IncomeExtractCSV(key string) ([]byte, bool) {
	ex, ok := s.income[key]
	if !ok {
		return nil, false
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Income extract for %s (fictitious sandbox data)\n", ex.Holder)
	b.WriteString("employer_cvr;employer_se;employer_name;from;to;amount;atp\n")
	for _, p := range ex.Payments {
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s;%s;%s\n", p.Employer.CVR, p.Employer.SE, p.Employer.Name,
			dayFirst(p.Period.From), dayFirst(p.Period.To), p.Amount, p.ATP)
	}
	return b.Bytes(), true
}

func dayFirst(d rules.Date) string {
	return fmt.Sprintf("%02d-%02d-%04d", d.Day(), int(d.Month()), d.Year())
}

type pensionFile struct {
	Format    string          `json:"format"`
	Holder    string          `json:"holder_name"`
	Generated string          `json:"generated"`
	Schemes   []pensionScheme `json:"schemes"`
}

type pensionScheme struct {
	Provider      string          `json:"provider"`
	Kind          string          `json:"kind"`
	EmployerCVR   string          `json:"employer_cvr,omitempty"`
	EmployerSE    string          `json:"employer_se,omitempty"`
	EmployerName  string          `json:"employer_name,omitempty"`
	Contributions []pensionAmount `json:"contributions"`
}

type pensionAmount struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Amount string `json:"amount"`
}

// PensionOverviewJSON returns the person's pension overview as the file
// they would upload (the documented JSON form).
func (s *Sandbox) PensionOverviewJSON(key string) ([]byte, bool) {
	o, ok := s.pension[key]
	if !ok {
		return nil, false
	}
	f := pensionFile{Format: income.FormatPension, Holder: o.Holder, Generated: o.Generated.String()}
	for _, sc := range o.Schemes {
		ps := pensionScheme{Provider: sc.Provider, Kind: string(sc.Kind), EmployerCVR: sc.Employer.CVR,
			EmployerSE: sc.Employer.SE, EmployerName: sc.Employer.Name}
		for _, c := range sc.Contributions {
			ps.Contributions = append(ps.Contributions, pensionAmount{From: c.Period.From.String(),
				To: c.Period.To.String(), Amount: c.Amount.String()})
		}
		f.Schemes = append(f.Schemes, ps)
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, false // plain strings always marshal
	}
	return b, true
}
