using System.Linq;
using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

namespace Inventory.Controllers
{
    [ApiController]
    public class StockController : ControllerBase
    {
        private readonly XElement _inventory = XElement.Load("inventory.xml");

        [HttpPost("api/stock")]
        public IActionResult Stock([FromForm] string sku)
        {
            var stock = _inventory.Descendants("product")
                .Where(p => (string)p.Attribute("sku") == sku)
                .Select(p => p.Element("stock"))
                .FirstOrDefault();
            return Ok(stock == null ? "0" : stock.Value);
        }
    }
}
