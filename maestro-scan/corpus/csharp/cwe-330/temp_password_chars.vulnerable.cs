using System;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Admin.Controllers
{
    public class TempPasswordController : Controller
    {
        private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

        [HttpPost("/admin/users/{id}/temp-password")]
        public IActionResult Reset(int id)
        {
            var random = new Random();
            var sb = new StringBuilder();
            for (int i = 0; i < 14; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }
            return Ok(new { userId = id, password = sb.ToString() });
        }
    }
}
