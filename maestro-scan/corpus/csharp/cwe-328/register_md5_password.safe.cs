using Microsoft.AspNetCore.Mvc;

namespace Users.Controllers
{
    public class RegistrationController : Controller
    {
        private readonly IUserRepository _users;

        public RegistrationController(IUserRepository users)
        {
            _users = users;
        }

        [HttpPost("/register")]
        public IActionResult Register([FromForm] string email, [FromForm] string password)
        {
            string hash = BCrypt.Net.BCrypt.HashPassword(password);
            _users.Add(email, hash);
            return Ok();
        }
    }
}
