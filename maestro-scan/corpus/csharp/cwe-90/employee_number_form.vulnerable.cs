using System.DirectoryServices;
using Microsoft.AspNetCore.Mvc;

namespace Hr.Controllers
{
    [ApiController]
    public class ManagerController : ControllerBase
    {
        [HttpPost("api/hr/manager")]
        public IActionResult Manager([FromForm] string employeeNumber)
        {
            var searcher = new DirectorySearcher(new DirectoryEntry("LDAP://DC=acme,DC=io"))
            {
                Filter = string.Format("(employeeNumber={0})", employeeNumber)
            };
            searcher.PropertiesToLoad.Add("manager");
            SearchResult result = searcher.FindOne();
            return result == null ? (IActionResult)NotFound() : Ok(result.Properties["manager"][0]);
        }
    }
}
