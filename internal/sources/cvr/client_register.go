package cvr

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

// companyFields and participantFields limit what the service sends to
// what bgcheck reads.
var (
	companyFields = []string{
		"Vrvirksomhed.cvrNummer", "Vrvirksomhed.navne", "Vrvirksomhed.virksomhedsstatus",
		"Vrvirksomhed.virksomhedsform", "Vrvirksomhed.livsforloeb", "Vrvirksomhed.beliggenhedsadresse",
		"Vrvirksomhed.deltagerRelation",
	}
	participantFields = []string{
		"Vrdeltagerperson.enhedsNummer", "Vrdeltagerperson.enhedstype", "Vrdeltagerperson.navne",
		"Vrdeltagerperson.beliggenhedsadresse", "Vrdeltagerperson.virksomhedSummariskRelation",
	}
)

// CompanyByNumber implements Register.
func (c *Client) CompanyByNumber(ctx context.Context, cvr string) (Company, error) {
	n, err := NormaliseCVR(cvr)
	if err != nil {
		return Company{}, err
	}
	num, _ := strconv.ParseInt(n, 10, 64) // eight digits: cannot fail
	r, err := c.search(ctx, companyIndex, nil, map[string]any{
		"_source": companyFields,
		"query":   map[string]any{"term": map[string]any{"Vrvirksomhed.cvrNummer": num}},
		"size":    2,
	})
	if err != nil {
		return Company{}, err
	}
	if len(r.Hits.Hits) == 0 {
		return Company{}, sources.NotFound(rules.SourceCVR, errors.New("no company with that CVR number"))
	}
	doc, err := companyDoc(r.Hits.Hits[0].Source)
	if err != nil {
		return Company{}, err
	}
	co := CompanyFromDoc(doc)
	if len(r.Hits.Hits) > 1 {
		co.Problems = append(co.Problems, "the register returned more than one company for CVR "+n)
	}
	return co, nil
}

// CompaniesByName implements Register.
func (c *Client) CompaniesByName(ctx context.Context, name string) ([]Company, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 200 {
		return nil, sources.Invalid(rules.SourceCVR, errors.New("a company name search needs 1 to 200 characters"))
	}
	r, err := c.search(ctx, companyIndex, nil, map[string]any{
		"_source": companyFields,
		"query":   matchAll("Vrvirksomhed.navne.navn", name),
		"from":    0,
		"size":    c.cfg.NameResults,
	})
	if err != nil {
		return nil, err
	}
	out := make([]Company, 0, len(r.Hits.Hits))
	for _, h := range r.Hits.Hits {
		doc, err := companyDoc(h.Source)
		if err != nil {
			return nil, err
		}
		out = append(out, CompanyFromDoc(doc))
	}
	return out, nil
}

// PersonRoles implements Register: it scrolls through every participant
// whose name has the subject's first and last name and keeps the roles of
// those MatchPerson accepts.
func (c *Client) PersonRoles(ctx context.Context, p Person) (RoleResult, error) {
	if err := ValidatePerson(p); err != nil {
		return RoleResult{}, err
	}
	var docs []Vrdeltagerperson
	truncated, err := c.scroll(ctx, participantIndex, map[string]any{
		"_source": participantFields,
		"query":   matchAll("Vrdeltagerperson.navne.navn", searchWords(p.Name)),
	}, c.cfg.MaxCandidates, func(src json.RawMessage) error {
		d, err := participantDoc(src)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		return RoleResult{}, err
	}
	res := RolesFor(docs, p, c.cfg.MinConfidence)
	res.Truncated = truncated
	return res, nil
}

// matchAll is a match query that requires every word.
func matchAll(field, text string) map[string]any {
	return map[string]any{"match": map[string]any{field: map[string]any{"query": text, "operator": "and"}}}
}
