using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Legacy.Controllers
{
    public class LegacyAuthController : Controller
    {
        [HttpPost("/legacy/auth")]
        public IActionResult Authenticate()
        {
            string token = (string)HttpContext.Items["authToken"];
            Response.Headers.Append("Set-Cookie", "auth=" + token + "; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
            return NoContent();
        }
    }
}
