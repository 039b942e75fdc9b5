using System;
using System.Security.Cryptography;
using System.Text;
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
            using (var md5 = MD5.Create())
            {
                string hash = Convert.ToHexString(md5.ComputeHash(Encoding.UTF8.GetBytes(password)));
                _users.Add(email, hash);
            }
            return Ok();
        }
    }
}
