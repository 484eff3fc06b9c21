package certificate

import "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

// extGState applies the opacity of a graphics-state parameter dictionary.
func (p *painter) extGState(res types.Dict, args []object, gs *gstate) {
	if len(args) != 1 {
		return
	}
	n, ok := args[0].(name)
	if !ok {
		return
	}
	d := p.doc.dict(p.doc.dict(res["ExtGState"])[string(n)])
	if v, ok := p.doc.number(d["ca"]); ok {
		gs.fillAlpha = clamp01(v)
	}
	if v, ok := p.doc.number(d["CA"]); ok {
		gs.strokeAlpha = clamp01(v)
	}
}

// components returns how many numbers a colour in the named space takes:
// the device spaces by name, ICC-based ones by their N, others 0
// (unknown).
func (p *painter) components(res types.Dict, args []object) int {
	if len(args) != 1 {
		return 0
	}
	n, ok := args[0].(name)
	if !ok {
		return 0
	}
	switch n {
	case "DeviceGray", "G", "CalGray":
		return 1
	case "DeviceRGB", "RGB", "CalRGB", "Lab":
		return 3
	case "DeviceCMYK", "CMYK":
		return 4
	}
	cs := p.doc.array(p.doc.dict(res["ColorSpace"])[string(n)])
	if len(cs) == 2 && p.doc.name(cs[0]) == "ICCBased" {
		if v, ok := p.doc.number(p.doc.dict(cs[1])["N"]); ok && (v == 1 || v == 3 || v == 4) {
			return int(v)
		}
	}
	return 0
}

// xobject paints a form (recursively) or records an image as an opaque
// shape.
func (p *painter) xobject(res types.Dict, args []object, gs gstate, depth int, hiddenMark bool) {
	if len(args) != 1 {
		return
	}
	n, ok := args[0].(name)
	if !ok {
		return
	}
	o := p.doc.dict(res["XObject"])[string(n)]
	xd := p.doc.dict(o)
	if xd == nil {
		return
	}
	hide := hiddenMark || p.ocOff(xd["OC"])
	switch p.doc.name(xd["Subtype"]) {
	case "Image":
		mask, _ := p.doc.resolve(xd["ImageMask"]).(types.Boolean)
		if !bool(mask) && xd["SMask"] == nil && !hide && p.hidden == 0 {
			p.addShape(shape{r: rect{0, 0, 1, 1}.transform(gs.ctm), image: true})
		}
	case "Form":
		if depth >= maxFormDepth {
			return
		}
		content, _, ok := p.doc.stream(o)
		if !ok {
			return
		}
		if m, ok := p.matrixOf(xd["Matrix"]); ok {
			gs.ctm = m.mul(gs.ctm)
		}
		formRes := p.doc.dict(xd["Resources"])
		if formRes == nil {
			formRes = res
		}
		if hide {
			p.hidden++
			defer func() { p.hidden-- }()
		}
		p.paint(content, formRes, gs, depth+1)
	}
}

func (p *painter) matrixOf(o types.Object) (matrix, bool) {
	a := p.doc.array(o)
	if len(a) != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range a {
		v, ok := p.doc.number(a[i])
		if !ok {
			return matrix{}, false
		}
		m[i] = v
	}
	return m, m.finite()
}

// hiddenContent reports whether a marked-content sequence belongs to an
// optional content group that is switched off (BDC /OC /name).
func (p *painter) hiddenContent(res types.Dict, args []object) bool {
	if len(args) != 2 {
		return false
	}
	if tag, ok := args[0].(name); !ok || tag != "OC" {
		return false
	}
	n, ok := args[1].(name)
	if !ok {
		return false
	}
	return p.ocOff(p.doc.dict(res["Properties"])[string(n)])
}

// ocOff reports whether o is a reference to a switched-off optional
// content group.
func (p *painter) ocOff(o types.Object) bool {
	ref, ok := o.(types.IndirectRef)
	return ok && p.offOCGs[ref.String()]
}

// offContentGroups lists the optional content groups the document's
// default configuration switches off.
func (d *document) offContentGroups() map[string]bool {
	out := map[string]bool{}
	if d.x.Root == nil {
		return out
	}
	oc := d.dict(d.dict(*d.x.Root)["OCProperties"])
	for _, o := range d.array(d.dict(oc["D"])["OFF"]) {
		if ref, ok := o.(types.IndirectRef); ok {
			out[ref.String()] = true
		}
	}
	return out
}

// paintAnnotations paints the annotations' appearances over the page, as
// viewers do: a shape or note added on top of a certificate covers what
// is beneath it.
func (p *painter) paintAnnotations(pg pageInfo) {
	for _, o := range p.doc.array(pg.dict["Annots"]) {
		a := p.doc.dict(o)
		switch p.doc.name(a["Subtype"]) {
		case "Link", "Popup", "":
			continue
		}
		r, ok := p.doc.box(a["Rect"])
		if !ok {
			continue
		}
		normal := p.doc.dict(a["AP"])["N"]
		if states, ok := p.doc.resolve(normal).(types.Dict); ok {
			normal = states[p.doc.name(a["AS"])] // one appearance per state, e.g. of a check box
		}
		form := p.doc.dict(normal)
		if form == nil {
			continue
		}
		flags, _ := p.doc.number(a["F"])
		hidden := int(flags)&(2|32) != 0 || p.ocOff(a["OC"])
		bb, ok := p.doc.box(form["BBox"])
		if !ok {
			continue
		}
		m, ok := p.matrixOf(form["Matrix"])
		if !ok {
			m = identity
		}
		t := bb.transform(m)
		w, h := t.x1-t.x0, t.y1-t.y0
		if w <= 0 || h <= 0 {
			continue
		}
		fit := matrix{(r.x1 - r.x0) / w, 0, 0, (r.y1 - r.y0) / h, r.x0 - t.x0*(r.x1-r.x0)/w, r.y0 - t.y0*(r.y1-r.y0)/h}
		p.paintForm(normal, form, m.mul(fit), hidden)
	}
}

func (p *painter) paintForm(o types.Object, form types.Dict, ctm matrix, hidden bool) {
	content, _, ok := p.doc.stream(o)
	if !ok || !ctm.finite() {
		return
	}
	if hidden {
		p.hidden++
		defer func() { p.hidden-- }()
	}
	p.paint(content, p.doc.dict(form["Resources"]), initialState(ctm), 1)
}
