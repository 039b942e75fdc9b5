using System.Xml.XPath;
using Microsoft.AspNetCore.Mvc;

namespace Library.Controllers
{
    [ApiController]
    public class BookController : ControllerBase
    {
        private readonly XPathDocument _catalog = new XPathDocument("catalog.xml");

        [HttpGet("api/books/{id}/copies")]
        public IActionResult Copies(int id)
        {
            XPathNavigator nav = _catalog.CreateNavigator();
            object count = nav.Evaluate(string.Format("count(//book[@id='{0}']/copy)", id));
            return Ok(count);
        }
    }
}
