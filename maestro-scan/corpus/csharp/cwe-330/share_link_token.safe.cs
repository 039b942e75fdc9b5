using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;

namespace Docs.Controllers
{
    public class ShareController : Controller
    {
        [HttpPost("/documents/{id}/share")]
        public IActionResult Share(long id)
        {
            string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            return Ok("/shared/" + id + "/" + token);
        }
    }
}
