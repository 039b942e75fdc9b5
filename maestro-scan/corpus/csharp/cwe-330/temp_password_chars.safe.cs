using System;
using System.Security.Cryptography;
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
            var sb = new StringBuilder();
            for (int i = 0; i < 14; i++)
            {
                sb.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
            }
            return Ok(new { userId = id, password = sb.ToString() });
        }
    }
}
