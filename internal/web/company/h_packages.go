package company

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// packagesData is the package list's data.
type packagesData struct {
	Packages []*domain.Package
	// Archived says archived packages are listed too.
	Archived bool
}

func (s *Server) packagesList(w http.ResponseWriter, r *http.Request) {
	archived := r.URL.Query().Get("archived") == "1"
	pkgs, err := s.Packages.List(r.Context(), archived)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(w, r, "page.packages.title")
	p.Data = packagesData{Packages: pkgs, Archived: archived}
	s.render(w, r, http.StatusOK, viewPackages, p)
}

// packageData is the data of the page that shows one package.
type packageData struct {
	Pkg *domain.Package
	// Older is set when the page shows a version other than the current
	// one, as a case created with it saw it.
	Older bool
	// Current is the package's current version number.
	Current int
}

func (s *Server) packageShow(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	cur, err := s.Packages.Get(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	shown := cur
	if v, err := strconv.Atoi(r.URL.Query().Get("version")); err == nil && v > 0 && v != cur.Version {
		if shown, err = s.Packages.GetVersion(r.Context(), id, v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, viewPackage, s.packagePage(w, r, cur, shown))
}

func (s *Server) packagePage(w http.ResponseWriter, r *http.Request, cur, shown *domain.Package) *page {
	p := s.newPage(w, r, "page.package.title")
	p.Data = packageData{Pkg: shown, Older: shown.Version != cur.Version, Current: cur.Version}
	return p
}

// packageArchive takes a package out of use. Cases made with it keep their
// version; it can no longer be chosen for new cases.
func (s *Server) packageArchive(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	err := s.Packages.Archive(r.Context(), id)
	if err == nil {
		s.setFlash(w, "flash.package_archived")
		s.redirect(w, r, packagePath(id))
		return
	}
	switch domain.ErrorCode(err) {
	case domain.EConflict, domain.EInvalid, domain.EForbidden:
	default:
		s.fail(w, r, err)
		return
	}
	pkg, gerr := s.Packages.Get(r.Context(), id)
	if gerr != nil {
		s.fail(w, r, gerr)
		return
	}
	s.formError(w, r, viewPackage, s.packagePage(w, r, pkg, pkg), err)
}

func packagePath(id string) string { return "/packages/" + url.PathEscape(id) }
