package mailer

import (
	"net/http"
	"text/template"

	"github.com/gin-gonic/gin"
)

type Recipient struct {
	Name  string
	Email string
}

func PreviewGreeting(c *gin.Context) {
	body := c.PostForm("greeting")
	tmpl, err := template.New("greeting").Parse("Hello {{.Name}},\n{{.Body}}\n")
	if err != nil {
		c.String(http.StatusBadRequest, "template error")
		return
	}
	c.Status(http.StatusOK)
	tmpl.Execute(c.Writer, struct {
		Recipient
		Body string
	}{Recipient{Name: "Ada", Email: "ada@example.com"}, body})
}
