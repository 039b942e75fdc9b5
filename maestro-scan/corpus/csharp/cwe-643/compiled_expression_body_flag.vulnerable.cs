using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

namespace Orders.Controllers
{
    public class OrderSearch
    {
        public string Customer { get; set; }
    }

    [ApiController]
    public class OrderXmlController : ControllerBase
    {
        private const bool FreeTextSearch = true;
        private readonly XPathDocument _orders = new XPathDocument("orders.xml");

        [HttpPost("api/orders/xml-search")]
        public IActionResult Search([FromBody] OrderSearch search)
        {
            XPathNavigator nav = _orders.CreateNavigator();
            XPathExpression expr = XPathExpression.Compile("count(//order)");
            if (FreeTextSearch)
            {
                expr = XPathExpression.Compile("count(//order[contains(customer, '" + search.Customer + "')])");
            }
            return Ok(nav.Evaluate(expr));
        }
    }
}
