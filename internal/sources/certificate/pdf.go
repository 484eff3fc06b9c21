package certificate

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfcpu parses the file's structure: cross-reference tables and streams,
// object streams, filters and the standard security handler. Everything
// above objects — fonts, content streams, what is visible — is this
// package's own, because no Go library reports how text is painted.

var disableConfigDir sync.Once

// configuration returns pdfcpu's configuration for reading untrusted
// uploads. pdfcpu would otherwise create a configuration folder in the
// user's home on first use; a server has no business writing there.
func configuration(maxDecode int64) *model.Configuration {
	disableConfigDir.Do(func() { model.ConfigPath = "disable" })
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = maxDecode
	conf.Limits.MaxDecodeBytes = maxDecode
	conf.Limits.MaxImageBytes = maxDecode
	conf.Limits.MaxObjectCount = 100_000
	conf.Limits.MaxXRefEntries = 100_000
	conf.Limits.MaxObjectStreamCount = 100_000
	conf.Limits.MaxRecursionDepth = 32
	return conf
}

// document is an opened PDF with the budget its reading may spend.
type document struct {
	x         *model.XRefTable
	maxDecode int64
	decoded   int64 // bytes of streams decoded so far
}

var errWrongPassword = pdfcpu.ErrWrongPassword

// open parses data with pdfcpu. Any panic inside the library on hostile
// input becomes an error: one bad upload must not take the server down.
func open(ctx context.Context, data []byte, maxDecode int64) (doc *document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, errors.New("pdf parser failed")
		}
	}()
	c, err := pdfcpu.ReadWithContext(ctx, bytes.NewReader(data), configuration(maxDecode))
	if err != nil {
		return nil, err
	}
	if err := c.EnsurePageCount(); err != nil {
		return nil, err
	}
	return &document{x: c.XRefTable, maxDecode: maxDecode}, nil
}

func (d *document) resolve(o types.Object) types.Object {
	for range 8 { // references to references are legal, loops are not
		ref, ok := o.(types.IndirectRef)
		if !ok {
			return o
		}
		r, err := d.x.Dereference(ref)
		if err != nil {
			return nil
		}
		o = r
	}
	return nil
}

func (d *document) dict(o types.Object) types.Dict {
	switch v := d.resolve(o).(type) {
	case types.Dict:
		return v
	case types.StreamDict:
		return v.Dict
	}
	return nil
}

func (d *document) array(o types.Object) types.Array {
	a, _ := d.resolve(o).(types.Array)
	return a
}

func (d *document) number(o types.Object) (float64, bool) {
	switch v := d.resolve(o).(type) {
	case types.Integer:
		return float64(v), true
	case types.Float:
		return float64(v), true
	}
	return 0, false
}

func (d *document) name(o types.Object) string {
	n, _ := d.resolve(o).(types.Name)
	return string(n)
}

func (d *document) text(o types.Object) string {
	s, err := model.Text(d.resolve(o))
	if err != nil {
		return ""
	}
	return s
}

// stream returns a stream's decoded content and dictionary. The total
// decoded across the document is bounded, so a file of many small
// compressed bombs is refused as surely as one large one.
func (d *document) stream(o types.Object) ([]byte, types.Dict, bool) {
	sd, ok := d.resolve(o).(types.StreamDict)
	if !ok {
		return nil, nil, false
	}
	left := d.maxDecode - d.decoded
	if left <= 0 {
		return nil, sd.Dict, false
	}
	if err := safeDecode(&sd, left); err != nil {
		return nil, sd.Dict, false
	}
	d.decoded += int64(len(sd.Content))
	return sd.Content, sd.Dict, true
}

func safeDecode(sd *types.StreamDict, limit int64) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("stream decoder failed")
		}
	}()
	return sd.DecodeWithLimit(limit)
}

// box reads a rectangle array.
func (d *document) box(o types.Object) (rect, bool) {
	a := d.array(o)
	if len(a) != 4 {
		return rect{}, false
	}
	var v [4]float64
	for i := range a {
		f, ok := d.number(a[i])
		if !ok {
			return rect{}, false
		}
		v[i] = f
	}
	return rect{min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3])}, true
}

// metadata is what the file says about its own making.
type metadata struct {
	producer, creator string
	created, modified time.Time
	// XMP metadata, which editors update separately from the Info
	// dictionary.
	xmpCreated, xmpModified time.Time
	xmpTool                 string
}

func (d *document) metadata() metadata {
	var m metadata
	if d.x.Info != nil {
		info := d.dict(*d.x.Info)
		m.producer = d.text(info["Producer"])
		m.creator = d.text(info["Creator"])
		m.created = pdfDate(d.text(info["CreationDate"]))
		m.modified = pdfDate(d.text(info["ModDate"]))
	}
	if d.x.Root != nil {
		root := d.dict(*d.x.Root)
		if xmp, _, ok := d.stream(root["Metadata"]); ok {
			m.xmpCreated = xmpDate(xmp, "CreateDate")
			m.xmpModified = xmpDate(xmp, "ModifyDate")
			m.xmpTool = strings.TrimSpace(xmpValue(xmp, "xmp:CreatorTool") + " " + xmpValue(xmp, "pdf:Producer"))
		}
	}
	return m
}

func pdfDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, ok := types.DateTime(s, true)
	if !ok {
		return time.Time{}
	}
	return t
}

// pageInfo is one page's dictionary with the attributes it inherits.
type pageInfo struct {
	dict      types.Dict
	resources types.Dict
	box       rect // the visible area: the crop box within the media box
}

func (d *document) page(n int) (pageInfo, bool) {
	pd, _, inh, err := safePageDict(d.x, n)
	if err != nil || pd == nil || inh == nil {
		return pageInfo{}, false
	}
	p := pageInfo{dict: pd, resources: inh.Resources, box: rect{0, 0, 612, 792}}
	if inh.MediaBox != nil {
		r := inh.MediaBox
		p.box = rect{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}
	}
	if inh.CropBox != nil {
		r := inh.CropBox
		if c, ok := p.box.intersect(rect{r.LL.X, r.LL.Y, r.UR.X, r.UR.Y}); ok {
			p.box = c
		}
	}
	return p, true
}

func safePageDict(x *model.XRefTable, n int) (pd types.Dict, ref *types.IndirectRef, inh *model.InheritedPageAttrs, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("page tree broken")
		}
	}()
	return x.PageDict(n, false)
}

// contents returns a page's content streams joined by line breaks, as
// the standard says they are to be read.
func (d *document) contents(page types.Dict) []byte {
	o := d.resolve(page["Contents"])
	var parts []types.Object
	if a, ok := o.(types.Array); ok {
		parts = a
	} else if o != nil {
		parts = []types.Object{page["Contents"]}
	}
	var out []byte
	for _, p := range parts {
		if b, _, ok := d.stream(p); ok {
			out = append(append(out, b...), '\n')
		}
	}
	return out
}

// xmpValue returns a property of an XMP packet, written either as an
// attribute (xmp:ModifyDate="…") or as an element
// (<xmp:ModifyDate>…</xmp:ModifyDate>).
func xmpValue(xmp []byte, prop string) string {
	s := string(xmp)
	if i := strings.Index(s, prop+`="`); i >= 0 {
		rest := s[i+len(prop)+2:]
		if j := strings.IndexByte(rest, '"'); j >= 0 && j < 512 {
			return strings.TrimSpace(rest[:j])
		}
	}
	if i := strings.Index(s, "<"+prop+">"); i >= 0 {
		rest := s[i+len(prop)+2:]
		if j := strings.Index(rest, "</"+prop+">"); j >= 0 && j < 512 {
			return strings.TrimSpace(rest[:j])
		}
	}
	return ""
}

func xmpDate(xmp []byte, prop string) time.Time {
	v := xmpValue(xmp, "xmp:"+prop)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	return time.Time{}
}
