import { Component } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';

@Component({
  selector: 'app-announcement',
  template: '<div class="announcement" [innerHTML]="message"></div>',
})
export class AnnouncementComponent {
  message: SafeHtml | string;

  constructor(route: ActivatedRoute, sanitizer: DomSanitizer) {
    const text = route.snapshot.queryParamMap.get('msg') ?? '';
    this.message = text;
  }
}
