using System;
using Microsoft.AspNetCore.Mvc;

namespace Docs.Controllers
{
    public class ShareController : Controller
    {
        private static readonly Random Random = new Random();

        [HttpPost("/documents/{id}/share")]
        public IActionResult Share(long id)
        {
            string token = Random.NextInt64().ToString("x16") + Random.NextInt64().ToString("x16");
            return Ok("/shared/" + id + "/" + token);
        }
    }
}
