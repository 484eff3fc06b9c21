package certificate

import (
	"reflect"
	"strings"
	"testing"
)

func tokens(s string) []object {
	l := lexer{b: []byte(s)}
	var out []object
	for t := l.next(); t != nil; t = l.next() {
		out = append(out, t)
		if o, ok := t.(op); ok && o == "ID" {
			l.skipInlineImage()
		}
	}
	return out
}

func TestLexer(t *testing.T) {
	tests := []struct {
		in   string
		want []object
	}{
		{"1 0 0 1 50.5 -.5 cm", []object{1.0, 0.0, 0.0, 1.0, 50.5, -0.5, op("cm")}},
		{"(a (nested) string) Tj", []object{"a (nested) string", op("Tj")}},
		{`(esc\(\)\\\n\101\7x\
cont) Tj`, []object{"esc()\\\nA\ax" + "cont", op("Tj")}},
		{"<48 65 6C6C6F> <414> Tj", []object{"Hello", "A@", op("Tj")}},
		{"/F1 12 Tf /Name#20X", []object{name("F1"), 12.0, op("Tf"), name("Name#20X")}},
		{"[(A) -250 (B)] TJ", []object{[]object{"A", -250.0, "B"}, op("TJ")}},
		{"/OC <</MCID 3 /N [1 2]>> BDC", []object{name("OC"), map[string]object{"MCID": 3.0, "N": []object{1.0, 2.0}}, op("BDC")}},
		{"% comment\nq % another\nQ", []object{op("q"), op("Q")}},
		{"BI /W 2 /H 2 ID \x00EI\xff EI Q", []object{op("BI"), name("W"), 2.0, name("H"), 2.0, op("ID"), op("Q")}},
		{") ] > } q", []object{op("q")}}, // stray closing delimiters are skipped
		{"(unterminated", []object{"unterminated"}},
		{"[1 2", []object{[]object{1.0, 2.0}}},
		{"<<", []object{map[string]object{}}},
		{"[1 > 2]", []object{[]object{1.0, 2.0}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
	}
}

func TestLexerBoundsWhatItKeeps(t *testing.T) {
	long := "(" + strings.Repeat("x", maxStringLen+10) + ")"
	if s := tokens(long)[0].(string); len(s) != maxStringLen {
		t.Errorf("string of %d bytes kept", len(s))
	}
	deep := strings.Repeat("[", 100) + "1" + strings.Repeat("]", 100)
	if got := tokens(deep); len(got) != 1 {
		t.Errorf("deep nesting: %d tokens", len(got))
	}
	wide := "[" + strings.Repeat("1 ", maxArrayLen+5) + "]"
	if a := tokens(wide)[0].([]object); len(a) != maxArrayLen {
		t.Errorf("array of %d kept", len(a))
	}
}
