using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Forms.Controllers
{
    public class CsrfController : Controller
    {
        [HttpGet("/csrf")]
        public IActionResult Token()
        {
            var bytes = new byte[20];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }
            string token = Convert.ToBase64String(bytes);
            HttpContext.Session.SetString("csrf", token);
            return Content(token);
        }
    }
}
