using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Profile.Controllers
{
    [Authorize]
    public class ProfileSessionController : Controller
    {
        [HttpPost("/session/profile")]
        public IActionResult Remember([FromForm] string userName)
        {
            HttpContext.Session.SetString("UserName", User.Identity.Name);
            return Ok();
        }
    }
}
