using System.Collections.Generic;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Controllers
{
    public class AuthorizeRequest
    {
        public string ClientId { get; set; }
        public string RedirectUri { get; set; }
    }

    public class AuthorizeController : Controller
    {
        private static readonly Dictionary<string, string> Registered = new Dictionary<string, string>
        {
            ["mobile"] = "https://app.example.com/callback"
        };

        [HttpPost("/oauth/authorize")]
        public IActionResult Authorize([FromBody] AuthorizeRequest req)
        {
            string registered;
            if (!Registered.TryGetValue(req.ClientId ?? "", out registered) || registered != req.RedirectUri)
            {
                return BadRequest("redirect_uri mismatch");
            }
            string code = "a1b2c3";
            return Redirect($"{req.RedirectUri}?code={code}");
        }
    }
}
