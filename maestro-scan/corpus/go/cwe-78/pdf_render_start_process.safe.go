package reports

import (
	"net/http"
	"os"
)

func RenderPDF(w http.ResponseWriter, r *http.Request) {
	page := r.PostFormValue("url")
	attr := &os.ProcAttr{Files: []*os.File{nil, os.Stdout, os.Stderr}}
	proc, err := os.StartProcess("/usr/bin/wkhtmltopdf", []string{"wkhtmltopdf", page, "/tmp/report.pdf"}, attr)
	if err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
		return
	}
	if _, err := proc.Wait(); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
		return
	}
	http.ServeFile(w, r, "/tmp/report.pdf")
}
