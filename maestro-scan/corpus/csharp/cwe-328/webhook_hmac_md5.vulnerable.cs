using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Hooks.Controllers
{
    public class PaymentWebhookController : Controller
    {
        private static readonly byte[] Secret = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("WEBHOOK_SECRET"));

        [HttpPost("/hooks/payments")]
        public async Task<IActionResult> Receive([FromHeader(Name = "X-Signature")] string signature)
        {
            var body = new MemoryStream();
            await Request.Body.CopyToAsync(body);
            using (var hmac = new HMACMD5(Secret))
            {
                string expected = Convert.ToHexString(hmac.ComputeHash(body.ToArray()));
                if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
                    return Unauthorized();
            }
            return Ok();
        }
    }
}
