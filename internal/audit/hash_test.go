package audit

import (
	"bytes"
	"encoding/hex"
	"reflect"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

func sampleEntry() *domain.AuditEntry {
	return &domain.AuditEntry{
		OrgID: "org-1", Seq: 7, At: time.Date(2026, 11, 23, 10, 30, 0, 123_000_000, time.UTC),
		ActorType: domain.ActorUser, ActorID: "u-1", ActorLabel: "anna@example.dk",
		Action: "subject.read_cpr", TargetType: "subject", TargetID: "s-9", SubjectID: "s-9",
		IP: "192.0.2.1", RequestID: "r-1", Details: map[string]string{"a": "1", "b": "2"},
		Personal: []byte{1, 2, 3},
	}
}

// The encoding is frozen: a change would make every stored chain fail to
// verify. This vector pins it; it was computed independently of this code
// from the encoding documented on Hash.
func TestHashGoldenVector(t *testing.T) {
	const want = "b48e7fc73f0ba6affaaaf5e75792a7e8daa97254a0ed59b71d1dfdf0b09cd076"
	if got := hex.EncodeToString(Hash(Genesis(), sampleEntry())); got != want {
		t.Fatalf("Hash = %s, want %s", got, want)
	}
}

func TestHashCoversEveryField(t *testing.T) {
	base := Hash(Genesis(), sampleEntry())
	v := reflect.ValueOf(sampleEntry()).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if name == "PrevHash" || name == "Hash" {
			continue
		}
		e := sampleEntry()
		f := reflect.ValueOf(e).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int64:
			f.SetInt(f.Int() + 1)
		case reflect.Slice:
			f.SetBytes(append(f.Bytes(), 4))
		case reflect.Map:
			e.Details["a"] = "changed"
		case reflect.Struct: // time.Time
			e.At = e.At.Add(time.Millisecond)
		default:
			t.Fatalf("field %s of kind %s is not covered by this test", name, f.Kind())
		}
		if bytes.Equal(Hash(Genesis(), e), base) {
			t.Errorf("changing %s does not change the hash", name)
		}
	}
	other := bytes.Repeat([]byte{1}, HashSize)
	if bytes.Equal(Hash(other, sampleEntry()), base) {
		t.Error("prev hash is not covered")
	}
}

func TestHashIsUnambiguous(t *testing.T) {
	a, b := sampleEntry(), sampleEntry()
	a.ActorID, a.ActorLabel = "ab", "c"
	b.ActorID, b.ActorLabel = "a", "bc"
	if bytes.Equal(Hash(Genesis(), a), Hash(Genesis(), b)) {
		t.Error("moving a byte between adjacent fields keeps the hash")
	}
	a, b = sampleEntry(), sampleEntry()
	a.Details = map[string]string{"k": "v=w"}
	b.Details = map[string]string{"k=v": "w"}
	if bytes.Equal(Hash(Genesis(), a), Hash(Genesis(), b)) {
		t.Error("moving a byte between a detail key and value keeps the hash")
	}
}

func TestHashStableAcrossStorageRoundTrip(t *testing.T) {
	a, b := sampleEntry(), sampleEntry()
	b.Details = map[string]string{"b": "2", "a": "1"} // another insertion order
	b.At = b.At.Add(456 * time.Microsecond).In(time.FixedZone("CET", 3600))
	if !bytes.Equal(Hash(Genesis(), a), Hash(Genesis(), b)) {
		t.Error("map order, sub-millisecond time or time zone changes the hash")
	}
	a.Details, b.Details = nil, map[string]string{}
	a.Personal, b.Personal = nil, []byte{}
	if !bytes.Equal(Hash(Genesis(), a), Hash(Genesis(), b)) {
		t.Error("nil and empty Details/Personal hash differently")
	}
}

func TestSeal(t *testing.T) {
	prev := bytes.Repeat([]byte{7}, HashSize)
	e := sampleEntry()
	Seal(prev, e)
	if !bytes.Equal(e.PrevHash, prev) || !bytes.Equal(e.Hash, Hash(prev, e)) {
		t.Fatal("Seal did not set PrevHash and Hash")
	}
	prev[0] = 0
	if e.PrevHash[0] != 7 {
		t.Fatal("Seal aliases the caller's prev slice")
	}
	if !bytes.Equal(Genesis(), make([]byte, 32)) {
		t.Fatal("Genesis is not 32 zero bytes")
	}
}

func BenchmarkHash(b *testing.B) {
	e := sampleEntry()
	prev := Genesis()
	b.ReportAllocs()
	for b.Loop() {
		prev = Hash(prev, e)
	}
}
