import { Body, Controller, Post, Session } from '@nestjs/common';
import { TeamsService } from './teams.service';

@Controller('teams')
export class TeamSelectController {
  constructor(private readonly teams: TeamsService) {}

  @Post('select')
  async select(@Body('teamId') teamId: string, @Session() session: { userId: string; teamId?: string }) {
    const mine = await this.teams.forUser(session.userId);
    session.teamId = teamId;
    return { teamId: session.teamId, teams: mine.length };
  }
}
