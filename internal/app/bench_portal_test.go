package app_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// benchPortal signs a subject in to a new driver case and returns the
// session token.
func benchPortal(b *testing.B, e *env) string {
	b.Helper()
	p := e.withMitIDB(b)
	_, owner := benchOrg(b, e)
	if _, _, err := e.app.Cases().Create(as(owner), newCase(e.pkg(owner, "driver"), "Karen Prøvesen", "karen@example.dk")); err != nil {
		b.Fatal(err)
	}
	link := subjectLinkRe.FindStringSubmatch(e.mails()[0]["text"].(string))[1]
	tok, err := e.mitidLoginTB(b, p, link, "karen")
	if err != nil {
		b.Fatal(err)
	}
	return tok
}

// BenchmarkWizardStepSave measures saving one CV-sized step: validate,
// decrypt the saved data, merge, encrypt and write.
func BenchmarkWizardStepSave(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			e := newEnv(b, tg)
			tok := benchPortal(b, e)
			d := domain.WizardData{Personal: domain.Personal{Address: "Testvej 1", Postcode: "2100", City: "København Ø", Country: "DK", Citizenship: "DK"}}
			ctx := context.Background()
			for b.Loop() {
				if _, err := e.app.Portal().SaveStep(ctx, tok, domain.StepPersonal, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDocumentUpload10MiB measures a subject's 10 MiB upload: content
// check, streaming encryption to the blob store, scan hook and the row.
func BenchmarkDocumentUpload10MiB(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			e := newEnv(b, tg)
			tok := benchPortal(b, e)
			doc := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("0123456789abcdef"), 10<<20/16)...)
			ctx := context.Background()
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				d, err := e.app.Portal().Upload(ctx, tok, domain.StepIDDocument, domain.DocPassport, "pas.pdf", bytes.NewReader(doc))
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := e.app.Portal().DeleteDocument(ctx, tok, d.ID); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkCaseListPage measures one page of 50 cases through the app:
// the query plus decrypting each subject's name and e-mail under their own
// data key (warm key cache, as on a busy server).
func BenchmarkCaseListPage(b *testing.B) {
	for _, tg := range storetest.Targets(b) {
		b.Run(tg.Name, func(b *testing.B) {
			e := newEnv(b, tg)
			_, owner := benchOrg(b, e)
			p := e.pkg(owner, "standard")
			for i := 0; i < 200; i++ {
				if _, _, err := e.app.Cases().Create(as(owner), newCase(p, fmt.Sprintf("Person %d Hansen", i), fmt.Sprintf("p%d@example.dk", i))); err != nil {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				page, err := e.app.Cases().List(as(owner), domain.CaseFilter{Limit: 50, Desc: true})
				if err != nil || len(page.Cases) != 50 {
					b.Fatal(err)
				}
			}
		})
	}
}
