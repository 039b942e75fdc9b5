using Microsoft.AspNetCore.Mvc;

namespace Identity.Controllers
{
    public class LoginController : Controller
    {
        private readonly ISessionIssuer _sessions;

        public LoginController(ISessionIssuer sessions)
        {
            _sessions = sessions;
        }

        [HttpPost("/login")]
        public IActionResult Login([FromForm] string user, [FromForm] string password)
        {
            string sessionId = _sessions.Issue(user, password);
            Response.Cookies.Append("session_id", sessionId);
            return Redirect("/home");
        }
    }
}
