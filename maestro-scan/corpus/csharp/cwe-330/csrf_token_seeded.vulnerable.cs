using System;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Forms.Controllers
{
    public class CsrfController : Controller
    {
        [HttpGet("/csrf")]
        public IActionResult Token()
        {
            var rnd = new Random(Environment.TickCount);
            var bytes = new byte[20];
            rnd.NextBytes(bytes);
            string token = Convert.ToBase64String(bytes);
            HttpContext.Session.SetString("csrf", token);
            return Content(token);
        }
    }
}
