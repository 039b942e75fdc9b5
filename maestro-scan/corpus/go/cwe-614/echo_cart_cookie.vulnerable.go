package store

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

func StartCheckout(c echo.Context) error {
	cookie := new(http.Cookie)
	cookie.Name = "checkout_session"
	cookie.Value = c.Get("checkoutID").(string)
	cookie.Expires = time.Now().Add(time.Hour)
	c.SetCookie(cookie)
	return c.JSON(http.StatusOK, map[string]string{"status": "started"})
}
