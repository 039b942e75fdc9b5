using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization.Formatters.Binary;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Controllers
{
    [System.Serializable]
    public class CartSnapshot
    {
        public List<string> Items { get; set; }
    }

    [ApiController]
    public class CartRestoreController : ControllerBase
    {
        [HttpPost("api/cart/restore")]
        public async Task<IActionResult> Restore()
        {
            var buffer = new MemoryStream();
            await Request.Body.CopyToAsync(buffer);
            buffer.Position = 0;
            var cart = (CartSnapshot)new BinaryFormatter().Deserialize(buffer);
            return Ok(cart.Items.Count);
        }
    }
}
