import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { TokenVerifierService } from './token-verifier.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [TokenVerifierService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifierService],
})
export class AuthModule {}
