using System.DirectoryServices;
using Microsoft.AspNetCore.Mvc;

namespace Sites.Controllers
{
    [ApiController]
    public class SiteStaffController : ControllerBase
    {
        private const bool FilterBySiteCookie = true;

        [HttpGet("api/site/staff")]
        public IActionResult Staff()
        {
            string filter = "(objectClass=user)";
            string site = Request.Cookies["site"];
            if (FilterBySiteCookie && site != null)
            {
                filter = "(&(objectClass=user)(physicalDeliveryOfficeName=" + site + "))";
            }
            var searcher = new DirectorySearcher(new DirectoryEntry("LDAP://DC=corp,DC=local"), filter);
            return Ok(searcher.FindAll().Count);
        }
    }
}
