using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Sso.Controllers
{
    public class CallbackController : Controller
    {
        private static CookieOptions AuthCookieOptions()
        {
            return new CookieOptions { Path = "/", MaxAge = TimeSpan.FromDays(1), Secure = true, HttpOnly = true };
        }

        [HttpGet("/sso/callback")]
        public IActionResult Callback(string ticket)
        {
            Response.Cookies.Append("sso_ticket", ticket, AuthCookieOptions());
            return Redirect("/");
        }
    }
}
