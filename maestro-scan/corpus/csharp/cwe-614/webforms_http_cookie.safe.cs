using System;
using System.Web;
using System.Web.Mvc;

namespace LegacyPortal.Controllers
{
    public class AccountController : Controller
    {
        [HttpPost]
        public ActionResult SignIn(string token)
        {
            var cookie = new HttpCookie("auth", token)
            {
                Expires = DateTime.UtcNow.AddHours(8),
                HttpOnly = true,
                Secure = true
            };
            Response.Cookies.Add(cookie);
            return RedirectToAction("Index", "Home");
        }
    }
}
