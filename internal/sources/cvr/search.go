package cvr

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

// Index paths of the distribution service.
const (
	companyIndex     = "cvr-permanent/virksomhed/_search"
	participantIndex = "cvr-permanent/deltager/_search"
	scrollPath       = "_search/scroll"
)

// searchResponse is the part of an Elasticsearch 1.7 answer bgcheck reads.
type searchResponse struct {
	ScrollID string `json:"_scroll_id"`
	TimedOut bool   `json:"timed_out"`
	Shards   struct {
		Total  int `json:"total"`
		Failed int `json:"failed"`
	} `json:"_shards"`
	Hits struct {
		Total int64 `json:"total"`
		Hits  []struct {
			Source json.RawMessage `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
}

// decode reads a search answer. One that cannot be read, timed out or
// lacks shards is incomplete and therefore temporary: the analysis retries
// rather than concluding from part of the register.
func decode(b []byte) (searchResponse, error) {
	var r searchResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return r, sources.Unavailable(rules.SourceCVR, fmt.Errorf("%w: %v", sources.ErrMalformed, err))
	}
	if r.TimedOut || r.Shards.Failed > 0 {
		return r, sources.Unavailable(rules.SourceCVR, fmt.Errorf("%w: timed out or %d of %d shards failed",
			sources.ErrPartial, r.Shards.Failed, r.Shards.Total))
	}
	return r, nil
}

// search runs one search and returns the decoded answer.
func (c *Client) search(ctx context.Context, index string, query url.Values, body any) (searchResponse, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return searchResponse{}, sources.Invalid(rules.SourceCVR, err)
	}
	raw, err := c.post(ctx, index, query, b)
	if err != nil {
		return searchResponse{}, err
	}
	return decode(raw)
}

// scroll runs a search with the scroll API and hands every hit's source
// to each, stopping after limit hits (truncated is then true). The
// service's from+size window does not apply to scrolling, which is why a
// common name's thousands of participants are read this way.
func (c *Client) scroll(ctx context.Context, index string, body map[string]any, limit int, each func(json.RawMessage) error) (truncated bool, err error) {
	body["size"] = c.cfg.PageSize
	r, err := c.search(ctx, index, url.Values{"scroll": {scrollKeepAlive}}, body)
	seen := 0
	for err == nil {
		if len(r.Hits.Hits) == 0 {
			return false, nil
		}
		for _, h := range r.Hits.Hits {
			if seen == limit {
				return true, nil
			}
			seen++
			if err := each(h.Source); err != nil {
				return false, err
			}
		}
		if r.ScrollID == "" {
			return false, sources.Unavailable(rules.SourceCVR, fmt.Errorf("%w: scroll page without a scroll id", sources.ErrMalformed))
		}
		raw, perr := c.post(ctx, scrollPath, url.Values{"scroll": {scrollKeepAlive}}, []byte(r.ScrollID))
		if perr != nil {
			return false, perr
		}
		r, err = decode(raw)
	}
	return false, err
}

func malformed(what string, err error) error {
	return sources.Unavailable(rules.SourceCVR, fmt.Errorf("%w: %s: %v", sources.ErrMalformed, what, err))
}

// companyDoc reads a hit's {"Vrvirksomhed": …} source.
func companyDoc(src json.RawMessage) (Vrvirksomhed, error) {
	var w struct {
		V *Vrvirksomhed `json:"Vrvirksomhed"`
	}
	if err := json.Unmarshal(src, &w); err != nil {
		return Vrvirksomhed{}, malformed("company document", err)
	}
	if w.V == nil {
		return Vrvirksomhed{}, malformed("company document", fmt.Errorf("no Vrvirksomhed"))
	}
	return *w.V, nil
}

// participantDoc reads a hit's {"Vrdeltagerperson": …} source.
func participantDoc(src json.RawMessage) (Vrdeltagerperson, error) {
	var w struct {
		P *Vrdeltagerperson `json:"Vrdeltagerperson"`
	}
	if err := json.Unmarshal(src, &w); err != nil {
		return Vrdeltagerperson{}, malformed("participant document", err)
	}
	if w.P == nil {
		return Vrdeltagerperson{}, malformed("participant document", fmt.Errorf("no Vrdeltagerperson"))
	}
	return *w.P, nil
}
