using System.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Members.Api
{
    [ApiController]
    [Route("api/members")]
    public class MemberLookupController : ControllerBase
    {
        private readonly MembersContext _context;

        public MemberLookupController(MembersContext context)
        {
            _context = context;
        }

        [HttpGet("by-email")]
        public IActionResult ByEmail([FromQuery] string email)
        {
            var members = _context.Members
                .FromSqlInterpolated($"SELECT * FROM Members WHERE Email = {email}")
                .ToList();
            return Ok(members);
        }
    }
}
