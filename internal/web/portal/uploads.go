package portal

import (
	"slices"
	"strconv"
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// stepKinds are the documents a subject may upload in each step besides
// those the package requires there. Steps not listed take only required
// documents.
var stepKinds = map[string][]domain.DocumentKind{
	domain.StepPersonal:         {domain.DocResidencePermit},
	domain.StepEmployment:       {domain.DocReference, domain.DocPayslip, domain.DocIncomeExtract, domain.DocPensionOverview, domain.DocGapEvidence, domain.DocOther},
	domain.StepEducation:        {domain.DocDiploma, domain.DocOther},
	domain.StepLicence:          {domain.DocDrivingLicence},
	domain.StepIDDocument:       {domain.DocPassport, domain.DocNationalID, domain.DocDrivingLicence, domain.DocResidencePermit, domain.DocBirthCertificate, domain.DocOther},
	domain.StepCriminalRecord:   {domain.DocCriminalRecord},
	domain.StepChildCertificate: {domain.DocChildCertificate},
}

// allowedKinds are the kinds step accepts: the required ones first.
func allowedKinds(step domain.WizardStep) []domain.DocumentKind {
	out := slices.Clone(step.Documents)
	for _, k := range stepKinds[step.Key] {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// stepsWithAnswers are the steps with a form of their own besides uploads.
var stepsWithAnswers = []string{domain.StepPersonal, domain.StepResidence, domain.StepEmployment, domain.StepEducation, domain.StepLicence, domain.StepBusinessRoles}

// uploadView is the documents part of a step: what is uploaded and the
// upload form.
type uploadView struct {
	Show      bool
	SaveFirst bool // the step has answers an upload would not save
	Action    string
	Kinds     []option
	Required  []string // names of required kinds not uploaded yet
	Docs      []docView
	MaxMB     int64
}

// docView is one uploaded document as listed to its owner.
type docView struct {
	ID, Name, Kind, Size, Href, Delete, Step string
	Image                                    bool
}

func (s *Server) uploadView(p *page, wiz *domain.Wizard, step domain.WizardStep) uploadView {
	kinds := allowedKinds(step)
	v := uploadView{
		Show:      len(kinds) > 0,
		SaveFirst: slices.Contains(stepsWithAnswers, step.Key),
		Action:    p.Href("/wizard/" + step.Key + "/upload"),
		MaxMB:     s.cfg.MaxUploadBytes >> 20,
		Docs:      p.docViews(wiz.Documents, step.Key),
	}
	for _, k := range kinds {
		v.Kinds = append(v.Kinds, option{Value: string(k), Label: p.DocKind(k), Selected: p.Form["kind"] == string(k)})
	}
	for _, k := range step.Documents {
		if !slices.ContainsFunc(wiz.Documents, func(d *domain.Document) bool { return d.Step == step.Key && d.Kind == k }) {
			v.Required = append(v.Required, p.DocKind(k))
		}
	}
	return v
}

// docViews lists the documents of step, or every document when step is "".
func (p *page) docViews(docs []*domain.Document, step string) []docView {
	var out []docView
	for _, d := range docs {
		if step != "" && d.Step != step {
			continue
		}
		out = append(out, docView{
			ID: d.ID, Name: d.Name, Kind: p.DocKind(d.Kind), Size: p.size(d.Size), Step: d.Step,
			Href:   p.Href("/documents/" + d.ID),
			Delete: p.Href("/documents/" + d.ID + "/delete"),
			Image:  previewable[d.ContentType],
		})
	}
	return out
}

// previewable are the types a browser shows as an image.
var previewable = map[string]bool{"image/jpeg": true, "image/png": true}

// size formats a byte count for people: kB below a megabyte, else MB
// with one decimal, with the language's decimal mark.
func (p *page) size(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(max((n+1023)>>10, 1), 10) + " kB"
	}
	s := strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64)
	if p.Lang == "da" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " MB"
}
