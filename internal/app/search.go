package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/bgcheck/bgcheck/internal/crypto"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
)

// Names, e-mails and employee numbers are stored encrypted, so the case
// list cannot search them in SQL. Instead every whole word is indexed as an
// HMAC under a per-organisation secret (a blind index): equal words give
// equal terms, but the terms reveal nothing without the secret, and the
// secret lives encrypted under the organisation's own data key.

// searchOwner is the key-store owner id of an organisation's own secrets.
const searchOwner = "org"

type searchKeys struct {
	mu   sync.Mutex
	keys map[string][]byte
}

func (a *App) searchKey(ctx context.Context, orgID string) ([]byte, error) {
	a.search.mu.Lock()
	defer a.search.mu.Unlock()
	if k, ok := a.search.keys[orgID]; ok {
		return k, nil
	}
	sc := crypto.Scope{OrgID: orgID, OwnerID: searchOwner, Record: "org:" + orgID, Field: "search_key"}
	var enc []byte
	err := a.DB.Read(ctx, func(tx *store.Tx) (err error) { enc, err = tx.OrgSearchKey(orgID); return err })
	if domain.IsNotFound(err) {
		fresh := make([]byte, 32)
		_, _ = rand.Read(fresh)
		if enc, err = a.Envelope.Encrypt(ctx, sc, fresh); err != nil {
			return nil, err
		}
		err = a.DB.Write(ctx, func(tx *store.Tx) error {
			if err := tx.PutOrgSearchKey(orgID, enc); err != nil {
				return err
			}
			enc, err = tx.OrgSearchKey(orgID) // another process may have won
			return err
		})
	}
	if err != nil {
		return nil, err
	}
	k, err := a.Envelope.Decrypt(ctx, sc, enc)
	if err != nil {
		return nil, err
	}
	if a.search.keys == nil {
		a.search.keys = map[string][]byte{}
	}
	a.search.keys[orgID] = k
	return k, nil
}

// searchWords splits text into normalised whole words: lower case,
// diacritics kept (æ, ø, å are letters in Danish), e-mails also whole.
func searchWords(texts ...string) []string {
	var out []string
	for _, t := range texts {
		t = strings.ToLower(norm.NFC.String(strings.TrimSpace(t)))
		if t == "" {
			continue
		}
		if strings.Contains(t, "@") && !strings.ContainsAny(t, " \t") {
			out = append(out, t)
		}
		out = append(out, strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
	}
	return out
}

// terms turns words into blind-index terms of an organisation.
func (a *App) terms(ctx context.Context, orgID string, words []string) ([]string, error) {
	if len(words) == 0 {
		return nil, nil
	}
	k, err := a.searchKey(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(words))
	for _, w := range words {
		m := hmac.New(sha256.New, k)
		m.Write([]byte(w))
		out = append(out, hex.EncodeToString(m.Sum(nil)[:16]))
	}
	return out, nil
}

// emailIndex is the blind index of a whole e-mail address.
func (a *App) emailIndex(ctx context.Context, orgID, email string) (string, error) {
	t, err := a.terms(ctx, orgID, []string{"email:" + domain.NormalizeEmail(email)})
	if err != nil {
		return "", err
	}
	return t[0], nil
}
