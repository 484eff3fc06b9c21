package certificate

import "math"

// matrix is a PDF transformation [a b c d e f]: x' = a·x + c·y + e,
// y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m followed by n (m × n in the standard's row-vector
// convention).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scaleY is how long a vertical unit becomes: the rendered size of a
// glyph one unit high.
func (m matrix) scaleY() float64 { return math.Hypot(m[2], m[3]) }

func (m matrix) finite() bool {
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// rect is an axis-aligned rectangle x0 ≤ x1, y0 ≤ y1.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) contains(x, y float64) bool {
	return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

func (r rect) intersect(o rect) (rect, bool) {
	out := rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
	return out, out.x0 <= out.x1 && out.y0 <= out.y1
}

func (r rect) grow(d float64) rect { return rect{r.x0 - d, r.y0 - d, r.x1 + d, r.y1 + d} }

// bounds returns the bounding box of r transformed by m.
func (r rect) transform(m matrix) rect {
	var b bbox
	for _, p := range [4][2]float64{{r.x0, r.y0}, {r.x1, r.y0}, {r.x0, r.y1}, {r.x1, r.y1}} {
		b.add(m.apply(p[0], p[1]))
	}
	return b.r
}

// bbox accumulates points into their bounding box.
type bbox struct {
	r   rect
	set bool
}

func (b *bbox) add(x, y float64) {
	if !b.set {
		b.r, b.set = rect{x, y, x, y}, true
		return
	}
	b.r = rect{min(b.r.x0, x), min(b.r.y0, y), max(b.r.x1, x), max(b.r.y1, y)}
}
