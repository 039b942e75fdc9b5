using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Cart.Controllers
{
    public class CartController : Controller
    {
        [HttpPost("/cart/items")]
        public IActionResult Add()
        {
            int sku = int.Parse(Request.Form["sku"]);
            string quantity = Request.Form["quantity"];
            HttpContext.Session.SetString("cart:" + sku, quantity);
            return StatusCode(201);
        }
    }
}
