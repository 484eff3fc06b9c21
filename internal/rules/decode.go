package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// MaxInputBytes is the largest input DecodeInput reads. A real check with
// five years of monthly income rows is a few dozen kilobytes; the limit only
// keeps a wrong file (a log, a dump) from being read whole into memory.
const MaxInputBytes = 4 << 20

// Limits on list lengths. A real case has a few dozen declared items and
// at most some hundreds of register rows and documents; the limits keep a
// generated or corrupted file from making the analysis run for minutes,
// since some rules compare declared items pairwise.
const (
	MaxDeclaredItems = 200  // items in each list under "declared"
	MaxListItems     = 2000 // items in any other list
)

// DocumentField is the ValidationError.Field of problems that concern the
// input as a whole rather than one field: empty, too large, not JSON, data
// after the object.
const DocumentField = "(document)"

// DecodeInput reads one check in the documented JSON format (Input's JSON
// form, see docs/analyze.md) strictly, for input that comes from outside
// the service, such as a file given to `bgcheck analyze`:
//
//   - every key must be a field of the format, spelled exactly (plain
//     encoding/json ignores unknown keys and matches keys case-insensitively,
//     so a typo would silently drop data), and no key may appear twice in
//     one object;
//   - every value must have its field's JSON type, numbers for integer
//     fields must be whole, and dates must be real dates;
//   - nothing but white space may follow the object, the input may be at
//     most MaxInputBytes long, and lists at most MaxDeclaredItems or
//     MaxListItems long;
//   - the decoded Input must pass Validate (check date present, unique item
//     IDs, known kinds, reasons, roles, sources and outcomes, country codes).
//
// A problem with the input is returned as a *ValidationError whose Field is
// the JSON path of the wrong value, e.g. "declared.activities[2].period.from",
// or DocumentField. Other errors come from reading r.
//
// Evaluate never reports input_invalid for an Input DecodeInput returned.
func DecodeInput(r io.Reader) (Input, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return Input{}, fmt.Errorf("rules: read input: %w", err)
	}
	if len(b) > MaxInputBytes {
		return Input{}, &ValidationError{Field: DocumentField, Problem: fmt.Sprintf("is larger than %d MiB", MaxInputBytes>>20)}
	}
	// Editors on Windows like to start UTF-8 files with a byte-order mark,
	// which JSON does not allow; it carries no data.
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if err := checkShape(b); err != nil {
		return Input{}, err
	}
	var in Input
	if err := json.Unmarshal(b, &in); err != nil {
		// checkShape accepts only what Unmarshal decodes, so this is a
		// bug in checkShape; say so rather than blame the input.
		return Input{}, fmt.Errorf("rules: input passed the shape check but does not decode: %w", err)
	}
	if err := in.Validate(); err != nil {
		return Input{}, err
	}
	return in, nil
}

// checkShape walks the JSON tokens of b against Input's type and reports
// the first value that does not fit, with its path.
func checkShape(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	w := &shapeWalker{dec: dec, src: b}
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return &ValidationError{Field: DocumentField, Problem: "is empty: expected a JSON object"}
	}
	if err != nil {
		return w.syntax("", err)
	}
	if err := w.value(reflect.TypeFor[Input](), "", tok); err != nil {
		return err
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(b[end:], " \t\r\n"); len(rest) > 0 {
		line, col := lineCol(b, len(b)-len(rest))
		return &ValidationError{Field: DocumentField,
			Problem: fmt.Sprintf("unexpected data after the JSON object at line %d, column %d", line, col)}
	}
	return nil
}

type shapeWalker struct {
	dec *json.Decoder
	src []byte
}

var dateType = reflect.TypeFor[Date]()

// value checks one JSON value, whose first token tok has been read, against
// type t.
func (w *shapeWalker) value(t reflect.Type, path string, tok json.Token) error {
	if tok == nil {
		if t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			return nil
		}
		return w.wrongType(path, t, tok)
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		return w.date(path, tok)
	case t.Kind() == reflect.Struct:
		return w.object(t, path, tok)
	case t.Kind() == reflect.Slice:
		return w.array(t, path, tok)
	}
	return w.scalar(t, path, tok)
}

func (w *shapeWalker) date(path string, tok json.Token) error {
	s, ok := tok.(string)
	if !ok {
		return w.wrongType(path, dateType, tok)
	}
	var d Date
	if d.UnmarshalText([]byte(s)) != nil {
		return &ValidationError{Field: fieldName(path), Problem: fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s)}
	}
	return nil
}

func (w *shapeWalker) object(t reflect.Type, path string, tok json.Token) error {
	if tok != json.Delim('{') {
		return w.wrongType(path, t, tok)
	}
	fields := jsonFields(t)
	seen := map[string]bool{}
	for w.dec.More() {
		keyTok, err := w.dec.Token()
		if err != nil {
			return w.syntax(path, err)
		}
		key, _ := keyTok.(string) // inside an object the decoder yields only string keys
		child := join(path, key)
		f, known := fields.byName[key]
		switch {
		case !known:
			return &ValidationError{Field: child,
				Problem: "unknown field (known: " + strings.Join(fields.names, ", ") + ")"}
		case seen[key]:
			return &ValidationError{Field: child, Problem: "is given twice"}
		}
		seen[key] = true
		tok, err := w.dec.Token()
		if err != nil {
			return w.syntax(child, err)
		}
		if err := w.value(f, child, tok); err != nil {
			return err
		}
	}
	return w.closing(path)
}

func (w *shapeWalker) array(t reflect.Type, path string, tok json.Token) error {
	if tok != json.Delim('[') {
		return w.wrongType(path, t, tok)
	}
	limit := MaxListItems
	if strings.HasPrefix(path, "declared.") {
		limit = MaxDeclaredItems
	}
	for i := 0; w.dec.More(); i++ {
		if i == limit {
			return &ValidationError{Field: path, Problem: fmt.Sprintf("has more than %d items, far more than a case has", limit)}
		}
		child := fmt.Sprintf("%s[%d]", path, i)
		tok, err := w.dec.Token()
		if err != nil {
			return w.syntax(child, err)
		}
		if err := w.value(t.Elem(), child, tok); err != nil {
			return err
		}
	}
	return w.closing(path)
}

// closing reads the ']' or '}' that ends the current array or object;
// anything else there is a syntax error the decoder reports.
func (w *shapeWalker) closing(path string) error {
	if _, err := w.dec.Token(); err != nil {
		return w.syntax(path, err)
	}
	return nil
}

func (w *shapeWalker) scalar(t reflect.Type, path string, tok json.Token) error {
	switch t.Kind() {
	case reflect.String:
		if _, ok := tok.(string); ok {
			return nil
		}
	case reflect.Bool:
		if _, ok := tok.(bool); ok {
			return nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := tok.(json.Number); ok {
			_, err := strconv.ParseInt(string(n), 10, t.Bits())
			switch {
			case errors.Is(err, strconv.ErrRange):
				return &ValidationError{Field: fieldName(path), Problem: fmt.Sprintf("number %s is out of range", n)}
			case err != nil: // a fraction or an exponent, which encoding/json refuses for integers
				return &ValidationError{Field: fieldName(path), Problem: fmt.Sprintf("must be a whole number, got %s", n)}
			}
			return nil
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := tok.(json.Number); ok {
			if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
				return &ValidationError{Field: fieldName(path), Problem: fmt.Sprintf("number %s is out of range", n)}
			}
			return nil
		}
	default:
		// Input has no field of another kind; a new one must be taught
		// here before it can be decoded.
		return &ValidationError{Field: fieldName(path), Problem: "has a type the decoder does not support"}
	}
	return w.wrongType(path, t, tok)
}

func (w *shapeWalker) wrongType(path string, t reflect.Type, tok json.Token) error {
	return &ValidationError{Field: fieldName(path), Problem: fmt.Sprintf("must be %s, got %s", jsonKindOf(t), tokenKind(tok))}
}

// syntax turns a decoder error into a ValidationError naming the path
// being read and the position in the input. The position is where the
// token or value the decoder could not read starts: SyntaxError.Offset
// counts differently depending on where the decoder noticed the error.
func (w *shapeWalker) syntax(path string, err error) error {
	off := int(w.dec.InputOffset())
	off = len(w.src) - len(bytes.TrimLeft(w.src[min(off, len(w.src)):], " \t\r\n"))
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		off, msg = len(w.src), "the input ends in the middle of a value"
	}
	line, col := lineCol(w.src, off)
	return &ValidationError{Field: fieldName(path),
		Problem: fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, msg)}
}

func jsonKindOf(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == dateType:
		return "a date string (YYYY-MM-DD)"
	case t.Kind() == reflect.Struct:
		return "an object"
	case t.Kind() == reflect.Slice:
		return "an array"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	}
	return "a whole number"
}

func tokenKind(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return "the number " + string(v)
	}
	return fmt.Sprintf("%T", tok)
}

// join appends an object key to a path: as .key when it is a plain word,
// as ["key"] otherwise, so that an empty or odd key still shows.
func join(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(key string) bool {
	for _, r := range key {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return key != ""
}

func fieldName(path string) string {
	if path == "" {
		return DocumentField
	}
	return path
}

// lineCol converts a byte offset into a 1-based line and column (in bytes).
func lineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = off - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

// structFields are a struct's JSON field names and types.
type structFields struct {
	byName map[string]reflect.Type
	names  []string // in declaration order, for messages
}

var fieldCache sync.Map // reflect.Type → structFields

func jsonFields(t reflect.Type) structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(structFields)
	}
	fs := structFields{byName: map[string]reflect.Type{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fs.byName[name] = sf.Type
		fs.names = append(fs.names, name)
	}
	fieldCache.Store(t, fs)
	return fs
}
