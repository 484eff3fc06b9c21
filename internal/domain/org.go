package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Organisation is a customer: the tenant and the data controller.
type Organisation struct {
	ID        string
	Name      string
	CVR       string // Danish company registration number, 8 digits
	Address   string
	DPOName   string
	DPOEmail  string
	DPOPhone  string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// OrganisationUpdate is the editable part of an organisation's settings.
type OrganisationUpdate struct {
	Name     string
	CVR      string
	Address  string
	DPOName  string
	DPOEmail string
	DPOPhone string
}

// Normalize trims every field.
func (u *OrganisationUpdate) Normalize() {
	for _, p := range []*string{&u.Name, &u.CVR, &u.Address, &u.DPOName, &u.DPOEmail, &u.DPOPhone} {
		*p = strings.TrimSpace(*p)
	}
	u.CVR = strings.ReplaceAll(u.CVR, " ", "")
	u.DPOEmail = strings.ToLower(u.DPOEmail)
}

// Validate returns per-field errors, or nil.
func (u OrganisationUpdate) Validate() error {
	f := map[string]string{}
	if u.Name == "" {
		f["name"] = "error.required"
	} else if utf8.RuneCountInString(u.Name) > 200 {
		f["name"] = "error.too_long"
	}
	if u.CVR != "" && !ValidCVR(u.CVR) {
		f["cvr"] = "error.cvr"
	}
	if utf8.RuneCountInString(u.Address) > 500 {
		f["address"] = "error.too_long"
	}
	if utf8.RuneCountInString(u.DPOName) > 200 {
		f["dpo_name"] = "error.too_long"
	}
	if u.DPOEmail != "" && !ValidEmail(u.DPOEmail) {
		f["dpo_email"] = "error.email"
	}
	if utf8.RuneCountInString(u.DPOPhone) > 40 {
		f["dpo_phone"] = "error.too_long"
	}
	if len(f) > 0 {
		return Invalid(f)
	}
	return nil
}

// PlausibleCVR reports whether s looks like a CVR number: eight digits,
// the first not 0. A subject's declarations are held to this and no more:
// they copy numbers from old payslips and contracts, and whether the
// company exists is the analysis' question, answered by the register.
func PlausibleCVR(s string) bool {
	if len(s) != 8 || s[0] == '0' {
		return false
	}
	for i := 0; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidCVR reports whether s is an eight-digit CVR number with a correct
// modulus-11 check (weights 2,7,6,5,4,3,2,1).
func ValidCVR(s string) bool {
	if len(s) != 8 || s[0] == '0' {
		return false
	}
	weights := [8]int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i := 0; i < 8; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * weights[i]
	}
	return sum%11 == 0
}
