package mitid

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestIdentityNeverPrintsPersonalData(t *testing.T) {
	id := Identity{Subject: "{sub}", UUID: "00000000-0000-4000-8000-000000000001", Name: "Karen Prøvesen",
		BirthDate: "1990-01-01", CPR: "0101901234", LoA: LoASubstantial, Issuer: "https://broker", Broker: ShapeIdura}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("login", "identity", id)
	outputs := map[string]string{
		"String": id.String(), "%v": fmt.Sprintf("%v", id), "%+v": fmt.Sprintf("%+v", id),
		"%#v": fmt.Sprintf("%#v", id), "slog": logged.String(),
	}
	for how, out := range outputs {
		for _, secret := range []string{"0101901234", "010190", "Karen", "1990-01-01"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s output %q contains %q", how, out, secret)
			}
		}
	}
	if !strings.Contains(logged.String(), `"cpr_released":true`) || !strings.Contains(logged.String(), `"loa":"substantial"`) {
		t.Errorf("log lacks the useful fields: %s", logged.String())
	}
}

func TestLoginLogValueHidesSecrets(t *testing.T) {
	l := Login{URL: "https://broker/authorize?state=st4te", State: "st4te", Nonce: "n0nce", CodeVerifier: "v3rifier"}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("begin", "login", l)
	for _, secret := range []string{"st4te", "n0nce", "v3rifier"} {
		if strings.Contains(logged.String(), secret) {
			t.Errorf("log %q contains %q", logged.String(), secret)
		}
	}
}
