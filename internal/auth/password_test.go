package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestHashPasswordRoundTrip(t *testing.T) {
	phc, err := HashPassword("korrekt hest batteri hæfteklamme")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=65536,t=2,p=1$") {
		t.Fatalf("unexpected PHC prefix: %s", phc)
	}
	ok, rehash, err := VerifyPassword(phc, "korrekt hest batteri hæfteklamme")
	if err != nil || !ok || rehash {
		t.Fatalf("correct password: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, _, err = VerifyPassword(phc, "korrekt hest batteri hæfteklamm")
	if err != nil || ok {
		t.Fatalf("wrong password accepted: ok=%v err=%v", ok, err)
	}
}

func TestHashPasswordSaltsDiffer(t *testing.T) {
	a, _ := HashPassword("same password twice")
	b, _ := HashPassword("same password twice")
	if a == b {
		t.Fatal("two hashes of the same password are equal; salt not random")
	}
}

func TestVerifyPasswordNormalisesUnicode(t *testing.T) {
	composed := "bl\u00e5b\u00e6rgr\u00f8d med fl\u00f8de"    // å, æ, ø as single code points
	decomposed := "bla\u030ab\u00e6rgr\u00f8d med fl\u00f8de" // å as a + combining ring
	phc, err := HashPassword(composed)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _, err := VerifyPassword(phc, decomposed); err != nil || !ok {
		t.Fatalf("decomposed form refused: ok=%v err=%v", ok, err)
	}
}

func TestVerifyPasswordNeedsRehash(t *testing.T) {
	weak := argonParams{memory: 19 * 1024, time: 2, threads: 1}
	salt := []byte("0123456789abcdef")
	phc := encodePHC(weak, salt, derive("an old password", salt, weak, argonKeyLen))
	ok, rehash, err := VerifyPassword(phc, "an old password")
	if err != nil || !ok || !rehash {
		t.Fatalf("weaker stored params: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
	ok, rehash, err = VerifyPassword(phc, "not the password")
	if err != nil || ok || rehash {
		t.Fatalf("wrong password must not ask for rehash: ok=%v rehash=%v err=%v", ok, rehash, err)
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	good, _ := HashPassword("a good enough password")
	parts := strings.Split(good, "$")
	cases := map[string]string{
		"empty":          "",
		"bcrypt":         "$2a$10$abcdefghijklmnopqrstuu5pY1bGJ2qnP1YyZfP0m6DV5d3GZ8H0K",
		"argon2i":        strings.Replace(good, "argon2id", "argon2i", 1),
		"old version":    strings.Replace(good, "v=19", "v=16", 1),
		"params order":   strings.Replace(good, "m=65536,t=2,p=1", "t=2,m=65536,p=1", 1),
		"zero time":      strings.Replace(good, "t=2", "t=0", 1),
		"huge memory":    strings.Replace(good, "m=65536", "m=4294967295", 1),
		"bad salt":       strings.Join([]string{"", parts[1], parts[2], parts[3], "!!!", parts[5]}, "$"),
		"short hash":     strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
		"trailing field": good + "$x",
	}
	for name, phc := range cases {
		t.Run(name, func(t *testing.T) {
			ok, _, err := VerifyPassword(phc, "a good enough password")
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("ok=%v err=%v, want ErrMalformedHash", ok, err)
			}
		})
	}
}

func TestDummyVerifyAcceptsAnyInput(t *testing.T) {
	DummyVerify("")
	DummyVerify(strings.Repeat("æ", MaxPasswordLen))
}

func BenchmarkHashPassword(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := HashPassword("benchmark password 42"); err != nil {
			b.Fatal(err)
		}
	}
	reportMs(b)
}

func BenchmarkVerifyPassword(b *testing.B) {
	phc, err := HashPassword("benchmark password 42")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, _, _ := VerifyPassword(phc, "benchmark password 42"); !ok {
			b.Fatal("verify failed")
		}
	}
	reportMs(b)
}

func reportMs(b *testing.B) {
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
}
