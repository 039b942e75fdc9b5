using System.Collections.Generic;
using System.Text.Json;
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
            // BinaryFormatter.Deserialize is never applied to request bodies
            var cart = await JsonSerializer.DeserializeAsync<CartSnapshot>(Request.Body);
            return Ok(cart.Items.Count);
        }
    }
}
