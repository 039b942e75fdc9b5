import { Controller, Param, Post } from '@nestjs/common';
import { randomBytes } from 'crypto';

const WELCOME_TIPS = ['Invite your team', 'Connect a calendar', 'Try keyboard shortcuts'];

@Controller('teams')
export class InvitesController {
  @Post(':teamId/invites')
  create(@Param('teamId') teamId: string) {
    const tip = WELCOME_TIPS[Math.floor(Math.random() * WELCOME_TIPS.length)];
    const inviteCode = Math.random().toString(36).substring(2, 12).toUpperCase();
    return { teamId, link: `https://app.example.com/join/${inviteCode}`, tip };
  }
}
