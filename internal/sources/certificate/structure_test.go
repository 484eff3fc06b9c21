package certificate

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"

	"github.com/bgcheck/bgcheck/internal/rules"
)

// appendUpdate saves objects incrementally, as a PDF editor does: the new
// versions follow the old file with a cross-reference section pointing
// back to the previous one.
func appendUpdate(orig []byte, objs map[int]string, size int) []byte {
	var b bytes.Buffer
	b.Write(orig)
	offsets := map[int]int{}
	var nums []int
	for n := 1; n <= size; n++ {
		if o, ok := objs[n]; ok {
			offsets[n] = b.Len()
			nums = append(nums, n)
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o)
		}
	}
	prev, _ := lastStartxref(orig)
	xref := b.Len()
	b.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", size, prev, xref)
	return b.Bytes()
}

func TestReadIncrementalUpdate(t *testing.T) {
	orig := onePage("<</Font <</F1 5 0 R>>>>", certificateText("F1", standardLines...), "", helvetica)
	if rd := read(t, orig); len(rd.Signs) != 0 {
		t.Fatalf("original: signs %v", rd.Signs)
	}
	// The edit replaces the page content: what is read is the edited
	// text, and the appended revision is a sign.
	edited := slicesReplace(standardLines, 4, "Der er ingen registreringer i Kriminalregistret (rettet).")
	content := certificateText("F1", edited...)
	upd := appendUpdate(orig, map[int]string{4: fmt.Sprintf("<</Length %d>>\nstream\n%s\nendstream", len(content), content)}, 6)
	rd := read(t, upd)
	wantSigns(t, rd, rules.SignIncrementalUpdate)
	if rd.Outcome != rules.OutcomeClean || rd.Name != "Karen Prøvesen" {
		t.Errorf("reading %+v", rd)
	}
	if st := scanStructure(appendUpdate(upd, map[int]string{5: helvetica}, 6)); st.revisions != 3 {
		t.Errorf("two updates: %d revisions", st.revisions)
	}
}

func TestStructure(t *testing.T) {
	one := onePage("<<>>", "", "")
	tests := []struct {
		name   string
		data   []byte
		edited bool
		broken bool
	}{
		{"one revision", one, false, false},
		{"updated", appendUpdate(one, map[int]string{4: "<<>>"}, 5), true, false},
		{"linearised: two sections, one revision", linearisedFile(), false, false},
		{"signed to the end", signedToEnd(appendUpdate(one, map[int]string{5: "<</Type /Sig /ByteRange [0 10 20 %s]>>"}, 6)), false, false},
		{"changed after signing", appendUpdate(signedToEnd(appendUpdate(one, map[int]string{5: "<</Type /Sig /ByteRange [0 10 20 %s]>>"}, 6)),
			map[int]string{4: "<<>>"}, 6), true, false},
		{"no startxref", bytes.ReplaceAll(one, []byte("startxref"), []byte("startxrex")), false, true},
		{"startxref pointing nowhere", bytes.Replace(one, []byte("startxref\n"), []byte("startxref\n9"), 1), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := scanStructure(tt.data)
			if st.edited() != tt.edited || st.damaged != tt.broken {
				t.Errorf("%+v: edited %v, damaged %v", st, st.edited(), st.damaged)
			}
		})
	}
}

// linearisedFile is a linearised file: it starts with its linearisation
// dictionary and has a second cross-reference section on the chain (for
// its first page) that is not a second revision.
func linearisedFile() []byte {
	b := buildPDF("<</Linearized 1>>", "<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [] /Count 0>>")
	return appendUpdate(b, map[int]string{}, 3)
}

// signedToEnd fills in a signature's byte range so that it reaches the
// end of the file, as signing software does.
func signedToEnd(b []byte) []byte {
	return bytes.Replace(b, []byte("%s]"), []byte(strconv.Itoa(len(b))+"]"), 1)
}

func TestXRefChainStopsOnLoops(t *testing.T) {
	one := onePage("<<>>", "", "")
	start, _ := lastStartxref(one)
	// A trailer whose /Prev points to itself.
	loop := bytes.Replace(one, []byte("/Root 1 0 R>>"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d>>", start)), 1)
	if n := xrefChain(loop); n != 1 {
		t.Errorf("%d sections", n)
	}
}
