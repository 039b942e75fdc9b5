import { Body, Controller, Post, Session } from '@nestjs/common';
import { TeamsService } from './teams.service';

@Controller('teams')
export class TeamSelectController {
  constructor(private readonly teams: TeamsService) {}

  @Post('select')
  async select(@Body('teamId') teamId: string, @Session() session: { userId: string; teamId?: string }) {
    const mine = await this.teams.forUser(session.userId);
    // teamId from the body is only stored when it is one of the user's teams
    session.teamId = mine.some((t) => t.id === teamId) ? teamId : undefined;
    return { teamId: session.teamId, teams: mine.length };
  }
}
