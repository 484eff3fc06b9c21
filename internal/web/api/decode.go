package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// decode reads the request body into v. Unknown fields, wrong types,
// trailing data and malformed JSON are 400 problems naming the field where
// there is one. An empty body decodes as {}.
func decode(r *http.Request, v any) error {
	body := bodyOf(r)
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return malformed("body", "trailing_data", "The request body must be a single JSON object.")
		}
		return nil
	}
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return malformed(field, "wrong_type", "The field "+field+" must be of JSON type "+jsonType(typeErr.Type.Kind().String())+".")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json reports unknown fields only in its message.
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return malformed(field, "unknown_field", "The field "+field+" is not part of this request.")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return malformed("body", "malformed_json", "The request body is not valid JSON.")
	}
	return malformed("body", "malformed_json", "The request body could not be read as JSON.")
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	}
	return "number"
}

// checkQuery refuses query parameters the operation does not know, so a
// misspelt filter is reported instead of silently ignored.
func checkQuery(q url.Values, known ...string) error {
	for k := range q {
		ok := false
		for _, n := range known {
			ok = ok || k == n
		}
		if !ok {
			return malformed(k, "unknown_parameter", "The query parameter "+k+" is not supported here.")
		}
	}
	return nil
}

// writeJSON sends v as a JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}
